package tenantsync

import (
	"strings"
	"time"

	"github.com/tidwall/gjson"

	"github.com/mockisc/mockisc/mockisc"
)

// This file turns ISC's JSON answers into mockisc.State objects. It reads
// with gjson, so that members a tenant lacks or adds do no harm; values
// that mockisc.State would refuse (an unknown connection type, identity
// state...) are dropped rather than failing the import.

// iscTime reads an RFC 3339 time; anything else is the zero time (the
// fake then takes its clock's).
func iscTime(r gjson.Result) time.Time {
	t, err := time.Parse(time.RFC3339Nano, r.String())
	if err != nil {
		return time.Time{}
	}
	return t.UTC()
}

// optString is r's string, or nil when r is not a string (null, missing).
func optString(r gjson.Result) *string {
	if r.Type != gjson.String {
		return nil
	}
	s := r.String()
	return &s
}

// defaultDeleteThreshold is the delete threshold a Source without one
// shows.
const defaultDeleteThreshold = 10

func sourceOf(j gjson.Result) mockisc.Source {
	s := mockisc.Source{
		ID: j.Get("id").String(), Name: j.Get("name").String(), Description: j.Get("description").String(),
		Type: j.Get("type").String(), ConnectionType: j.Get("connectionType").String(),
		Authoritative: j.Get("authoritative").Bool(),
		Created:       iscTime(j.Get("created")), Modified: iscTime(j.Get("modified")),
	}
	if s.ConnectionType != "file" && s.ConnectionType != "direct" {
		s.ConnectionType = "direct"
		if s.Type == mockisc.SourceTypeDelimitedFile {
			s.ConnectionType = "file"
		}
	}
	if c := j.Get("connector").String(); c != "" && c != (mockisc.Source{Type: s.Type}).ConnectorID() {
		s.Connector = c
	}
	for _, f := range j.Get("features").Array() {
		s.Features = append(s.Features, f.String())
	}
	if o := j.Get("owner"); o.IsObject() && o.Get("id").String() != "" {
		s.Owner = &mockisc.Ref{ID: o.Get("id").String(), Name: o.Get("name").String()}
	}
	if d := j.Get("deleteThreshold"); d.Exists() && d.Type == gjson.Number {
		if n := int(d.Int()); n != defaultDeleteThreshold && n >= 0 && n <= 100 {
			s.DeleteThreshold = &n
		}
	}
	if s.Name == "" {
		s.Name = s.ID
	}
	return s
}

// alwaysIdentityAttributes are the identity attributes ISC always shows,
// which mockisc.Identity holds as fields.
var alwaysIdentityAttributes = []string{"firstname", "lastname", "email", "displayName", "uid", "cloudStatus", "identityState", "cloudLifecycleState"}

var identityStates = []string{"ACTIVE", "INACTIVE_SHORT_TERM", "INACTIVE_LONG_TERM"}

var identityStatuses = []string{"UNREGISTERED", "REGISTERED", "PENDING", "WARNING", "DISABLED", "ACTIVE", "DEACTIVATED", "TERMINATED", "ERROR", "LOCKED"}

func oneOf(v string, set []string) string {
	for _, s := range set {
		if v == s {
			return v
		}
	}
	return ""
}

func identityOf(j gjson.Result) mockisc.Identity {
	attrs := j.Get("attributes")
	id := mockisc.Identity{
		ID: j.Get("id").String(), Name: j.Get("name").String(), Alias: j.Get("alias").String(),
		Email:           j.Get("emailAddress").String(),
		IdentityState:   oneOf(attrs.Get("identityState").String(), identityStates),
		LifecycleState:  j.Get("lifecycleState.stateName").String(),
		FirstName:       attrs.Get("firstname").String(),
		LastName:        attrs.Get("lastname").String(),
		Status:          oneOf(j.Get("identityStatus").String(), identityStatuses),
		ProcessingState: oneOf(j.Get("processingState").String(), []string{"OK", "ERROR"}),
		ManagerID:       j.Get("managerRef.id").String(),
		Created:         iscTime(j.Get("created")), Modified: iscTime(j.Get("modified")),
	}
	if id.Status == "ACTIVE" {
		id.Status = ""
	}
	if id.LifecycleState == "" {
		id.LifecycleState = attrs.Get("cloudLifecycleState").String()
	}
	if id.Email == "" {
		id.Email = attrs.Get("email").String()
	}
	if m, ok := attrs.Value().(map[string]any); ok {
		for _, k := range alwaysIdentityAttributes {
			delete(m, k)
		}
		if len(m) > 0 {
			id.Attributes = m
		}
	}
	if id.Name == "" {
		id.Name = id.ID
	}
	return id
}

func accountOf(j gjson.Result) mockisc.Account {
	a := mockisc.Account{
		ID: j.Get("id").String(), Name: j.Get("name").String(), NativeIdentity: j.Get("nativeIdentity").String(),
		SourceID: j.Get("sourceId").String(), IdentityID: j.Get("identityId").String(),
		Disabled: j.Get("disabled").Bool(), Locked: j.Get("locked").Bool(), SystemAccount: j.Get("systemAccount").Bool(),
		ManuallyCorrelated: j.Get("manuallyCorrelated").Bool(), IsMachine: j.Get("isMachine").Bool(),
		Origin:  oneOf(j.Get("origin").String(), []string{"AGGREGATED", "PROVISIONED"}),
		Created: iscTime(j.Get("created")), Modified: iscTime(j.Get("modified")),
	}
	if a.IdentityID == "" {
		a.IdentityID = j.Get("identity.id").String()
	}
	if m, ok := j.Get("attributes").Value().(map[string]any); ok {
		a.Attributes = m
	}
	a.Description, a.UUID = optString(j.Get("description")), optString(j.Get("uuid"))
	if r := j.Get("recommendation"); r.IsObject() {
		rec := mockisc.Recommendation{Type: r.Get("type").String(), Method: r.Get("method").String()}
		if oneOf(rec.Type, []string{"HUMAN", "MACHINE"}) != "" && oneOf(rec.Method, []string{"DISCOVERY", "SOURCE", "CRITERIA"}) != "" {
			a.Recommendation = &rec
		}
	}
	if o := j.Get("ownerIdentity"); o.IsObject() && o.Get("id").String() != "" {
		a.OwnerIdentity = &mockisc.Ref{ID: o.Get("id").String(), Name: o.Get("name").String()}
	}
	if a.NativeIdentity == "" {
		a.NativeIdentity = a.ID
	}
	return a
}

func entitlementOf(j gjson.Result) mockisc.Entitlement {
	e := mockisc.Entitlement{
		ID: j.Get("id").String(), Name: j.Get("name").String(), Attribute: j.Get("attribute").String(),
		Value: j.Get("value").String(), SourceSchemaObjectType: j.Get("sourceSchemaObjectType").String(),
		Privileged: j.Get("privileged").Bool(), CloudGoverned: j.Get("cloudGoverned").Bool(),
		Requestable: j.Get("requestable").Bool(), SourceID: j.Get("source.id").String(),
		Created: iscTime(j.Get("created")), Modified: iscTime(j.Get("modified")),
	}
	e.Description = optString(j.Get("description"))
	if m, ok := j.Get("attributes").Value().(map[string]any); ok && len(m) > 0 {
		e.Attributes = m
	}
	if e.Name == "" {
		e.Name = strings.TrimSpace(e.Value)
	}
	if e.Name == "" {
		e.Name = e.ID
	}
	return e
}
