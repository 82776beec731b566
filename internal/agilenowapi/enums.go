package agilenowapi

import (
	"fmt"
	"strings"
)

// The enums of the AgileNow Account's foreign keys, from the vendor's
// Accounts.json (info.version 2.0.187; a copy is in
// testdata/Accounts.json, and a test checks these tables against
// it). A request must send a value exactly as listed; the response renders
// it as an AbstractText {Id, ExternalId, Name, Type}.

// enumValue is one value of a vendor enum and its display text.
type enumValue struct{ id, name string }

// enum is a vendor enum: its record type (AbstractText.Type) and values.
type enum struct {
	typ    string
	values []enumValue
	index  map[string]int    // value → position
	fold   map[string]string // lower-cased value → value, for hints
}

func newEnum(typ string, values []enumValue) *enum {
	e := &enum{typ: typ, values: values, index: map[string]int{}, fold: map[string]string{}}
	for i, v := range values {
		e.index[v.id] = i
		e.fold[strings.ToLower(v.id)] = v.id
	}
	return e
}

// check returns an error naming field and value unless value is one of
// the enum's values (exact casing) or empty (unset).
func (e *enum) check(field, value string) error {
	if _, ok := e.index[value]; ok || value == "" {
		return nil
	}
	if hint, ok := e.fold[strings.ToLower(value)]; ok {
		return fmt.Errorf("%s: %q is not a valid value; values are case-sensitive: did you mean %q?", field, value, hint)
	}
	if len(e.values) > 20 {
		return fmt.Errorf("%s: %q is not a valid value; use one of the %d Windows time zone ids of EnumTimezone, e.g. %q or %q",
			field, value, len(e.values), e.values[0].id, "UTC")
	}
	ids := make([]string, len(e.values))
	for i, v := range e.values {
		ids[i] = v.id
	}
	return fmt.Errorf("%s: %q is not a valid value; use one of %s", field, value, strings.Join(ids, ", "))
}

// abstract renders value as the vendor's AbstractText, or nil when unset:
// Id and ExternalId are the enum value, Name its display text and Type the
// enum's record type.
func (e *enum) abstract(value string) *abstractText {
	if value == "" {
		return nil
	}
	name := value
	if i, ok := e.index[value]; ok {
		name = e.values[i].name
	}
	return &abstractText{ID: value, ExternalID: value, Name: name, Type: e.typ}
}

// languages is the vendor's EnumLanguage: language codes, with exact casing, with each value's display text (x-enums description).
var languages = newEnum("Language", []enumValue{
	{"ar-ae", "Arabic"},
	{"bn-IN", "Bengali"},
	{"zh-CN", "Chinese"},
	{"da-dk", "Danish"},
	{"en-US", "English"},
	{"fo-fo", "Faroese"},
	{"fi-FI", "Finnish"},
	{"fr-FR", "French"},
	{"de-DE", "German"},
	{"hi-IN", "Hindi"},
	{"ja-JP", "Japanese"},
	{"ko-KR", "Korean"},
	{"ms-MY", "Malay"},
	{"pt-PT", "Portuguese"},
	{"ru-RU", "Russian"},
	{"es-ES", "Spanish"},
	{"sv-se", "Swedish"},
	{"tr-TR", "Turkish"},
	{"ur-IN", "Urdu"},
})

// timezones is the vendor's EnumTimezone: Windows time zone ids, with each value's display text (x-enums description).
var timezones = newEnum("Timezone", []enumValue{
	{"Afghanistan Standard Time", "(GMT+04:30) Kabul"},
	{"Alaskan Standard Time", "(GMT-09:00) Alaska"},
	{"Arab Standard Time", "(GMT+03:00) Kuwait, Riyadh"},
	{"Arabian Standard Time", "(GMT+04:00) Abu Dhabi, Muscat"},
	{"Arabic Standard Time", "(GMT+03:00) Baghdad"},
	{"Argentina Standard Time", "(GMT-03:00) Buenos Aires"},
	{"Atlantic Standard Time", "(GMT-04:00) Atlantic Time (Canada)"},
	{"AUS Central Standard Time", "(GMT+09:30) Darwin"},
	{"AUS Eastern Standard Time", "(GMT+10:00) Canberra, Melbourne, Sydney"},
	{"Azerbaijan Standard Time", "(GMT+04:00) Baku"},
	{"Azores Standard Time", "(GMT-01:00) Azores"},
	{"Canada Central Standard Time", "(GMT-06:00) Saskatchewan"},
	{"Cape Verde Standard Time", "(GMT-01:00) Cape Verde Is."},
	{"Caucasus Standard Time", "(GMT+04:00) Yerevan"},
	{"Cen. Australia Standard Time", "(GMT+09:30) Adelaide"},
	{"Central America Standard Time", "(GMT-06:00) Central America"},
	{"Central Asia Standard Time", "(GMT+06:00) Astana, Dhaka"},
	{"Central Brazilian Standard Time", "(GMT-04:00) Manaus"},
	{"Central Europe Standard Time", "(GMT+01:00) Belgrade, Bratislava, Budapest, Ljubljana, Prague"},
	{"Central European Standard Time", "(GMT+01:00) Sarajevo, Skopje, Warsaw, Zagreb"},
	{"Central Pacific Standard Time", "(GMT+11:00) Magadan, Solomon Is., New Caledonia"},
	{"Central Standard Time", "(GMT-06:00) Central Time (US & Canada)"},
	{"Central Standard Time (Mexico)", "(GMT-06:00) Guadalajara, Mexico City, Monterrey"},
	{"China Standard Time", "(GMT+08:00) Beijing, Chongqing, Hong Kong, Urumqi"},
	{"Dateline Standard Time", "(GMT-12:00) International Date Line West"},
	{"E. Africa Standard Time", "(GMT+03:00) Nairobi"},
	{"E. Australia Standard Time", "(GMT+10:00) Brisbane"},
	{"E. Europe Standard Time", "(GMT+02:00) Minsk"},
	{"E. South America Standard Time", "(GMT-03:00) Brasilia"},
	{"Eastern Standard Time", "(GMT-05:00) Eastern Time (US & Canada)"},
	{"Egypt Standard Time", "(GMT+02:00) Cairo"},
	{"Ekaterinburg Standard Time", "(GMT+05:00) Ekaterinburg"},
	{"Fiji Standard Time", "(GMT+12:00) Fiji, Kamchatka, Marshall Is."},
	{"FLE Standard Time", "(GMT+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius"},
	{"Georgian Standard Time", "(GMT+03:00) Tbilisi"},
	{"GMT Standard Time", "(GMT) Greenwich Mean Time : Dublin, Edinburgh, Lisbon, London"},
	{"Greenland Standard Time", "(GMT-03:00) Greenland"},
	{"Greenwich Standard Time", "(GMT) Monrovia, Reykjavik"},
	{"GTB Standard Time", "(GMT+02:00) Athens, Bucharest, Istanbul"},
	{"Hawaiian Standard Time", "(GMT-10:00) Hawaii"},
	{"India Standard Time", "(GMT+05:30) Chennai, Kolkata, Mumbai, New Delhi"},
	{"Iran Standard Time", "(GMT+03:30) Tehran"},
	{"Israel Standard Time", "(GMT+02:00) Jerusalem"},
	{"Jordan Standard Time", "(GMT+02:00) Amman"},
	{"Korea Standard Time", "(GMT+09:00) Seoul"},
	{"Mauritius Standard Time", "(GMT+04:00) Port Louis"},
	{"Mid-Atlantic Standard Time", "(GMT-02:00) Mid-Atlantic"},
	{"Middle East Standard Time", "(GMT+02:00) Beirut"},
	{"Montevideo Standard Time", "(GMT-03:00) Montevideo"},
	{"Morocco Standard Time", "(GMT) Casablanca"},
	{"Mountain Standard Time", "(GMT-07:00) Mountain Time (US & Canada)"},
	{"Mountain Standard Time (Mexico)", "(GMT-07:00) Chihuahua, La Paz, Mazatlan"},
	{"Myanmar Standard Time", "(GMT+06:30) Yangon (Rangoon)"},
	{"N. Central Asia Standard Time", "(GMT+06:00) Almaty, Novosibirsk"},
	{"Namibia Standard Time", "(GMT+02:00) Windhoek"},
	{"Nepal Standard Time", "(GMT+05:45) Kathmandu"},
	{"New Zealand Standard Time", "(GMT+12:00) Auckland, Wellington"},
	{"Newfoundland Standard Time", "(GMT-03:30) Newfoundland"},
	{"North Asia East Standard Time", "(GMT+08:00) Irkutsk, Ulaan Bataar"},
	{"North Asia Standard Time", "(GMT+07:00) Krasnoyarsk"},
	{"Pacific SA Standard Time", "(GMT-04:00) Santiago"},
	{"Pacific Standard Time", "(GMT-08:00) Pacific Time (US & Canada)"},
	{"Pacific Standard Time (Mexico)", "(GMT-08:00) Tijuana, Baja California"},
	{"Pakistan Standard Time", "(GMT+05:00) Islamabad, Karachi"},
	{"Romance Standard Time", "(GMT+01:00) Brussels, Copenhagen, Madrid, Paris"},
	{"Russian Standard Time", "(GMT+03:00) Moscow, St. Petersburg, Volgograd"},
	{"SA Eastern Standard Time", "(GMT-03:00) Georgetown"},
	{"SA Pacific Standard Time", "(GMT-05:00) Bogota, Lima, Quito, Rio Branco"},
	{"SA Western Standard Time", "(GMT-04:00) La Paz"},
	{"Samoa Standard Time", "(GMT-11:00) Midway Island, Samoa"},
	{"SE Asia Standard Time", "(GMT+07:00) Bangkok, Hanoi, Jakarta"},
	{"Singapore Standard Time", "(GMT+08:00) Kuala Lumpur, Singapore"},
	{"South Africa Standard Time", "(GMT+02:00) Harare, Pretoria"},
	{"Sri Lanka Standard Time", "(GMT+05:30) Sri Jayawardenepura"},
	{"Taipei Standard Time", "(GMT+08:00) Taipei"},
	{"Tasmania Standard Time", "(GMT+10:00) Hobart"},
	{"Tokyo Standard Time", "(GMT+09:00) Osaka, Sapporo, Tokyo"},
	{"Tonga Standard Time", "(GMT+13:00) Nuku'alofa"},
	{"US Eastern Standard Time", "(GMT-05:00) Indiana (East)"},
	{"US Mountain Standard Time", "(GMT-07:00) Arizona"},
	{"UTC", "UTC"},
	{"Venezuela Standard Time", "(GMT-04:30) Caracas"},
	{"Vladivostok Standard Time", "(GMT+10:00) Vladivostok"},
	{"W. Australia Standard Time", "(GMT+08:00) Perth"},
	{"W. Central Africa Standard Time", "(GMT+01:00) West Central Africa"},
	{"W. Europe Standard Time", "(GMT+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna"},
	{"West Asia Standard Time", "(GMT+05:00) Tashkent"},
	{"West Pacific Standard Time", "(GMT+10:00) Guam, Port Moresby"},
	{"Yakutsk Standard Time", "(GMT+09:00) Yakutsk"},
})

// dateFormats is the vendor's EnumDateFormat, with each value's display text (x-enums description).
var dateFormats = newEnum("DateFormat", []enumValue{
	{"DD-MM-YYYY", "DD-MM-YYYY"},
	{"DD/MM/YYYY", "DD/MM/YYYY"},
	{"DD.MM.YYYY", "DD.MM.YYYY"},
	{"MM-DD-YYYY", "MM-DD-YYYY"},
	{"MM/DD/YYYY", "MM/DD/YYYY"},
	{"YYYY-MM-DD", "YYYY-MM-DD"},
	{"YYYY/MM/DD", "YYYY/MM/DD"},
})
