package jsonpatch

import "testing"

func TestJSONEqual(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b string
		want bool
	}{
		{`1`, `1.0`, true},
		{`1`, `1e0`, true},
		{`100`, `1E+2`, true},
		{`0.5`, `5e-1`, true},
		{`-0`, `0`, true},
		{`0.000`, `0e10`, true},
		{`120`, `12e1`, true},
		{`1e400`, `10e399`, true},
		{`1e99999999999999999999`, `1e99999999999999999999`, true},
		{`1e99999999999999999999`, `1e99999999999999999998`, false},
		{`1`, `-1`, false},
		{`1`, `1.0000000000000000001`, false},
		{`10`, `1`, false},
		{`"a"`, `"\u0061"`, true},
		{`"1"`, `1`, false},
		{`null`, `false`, false},
		{`[1,[2]]`, ` [1.0, [2e0]] `, true},
		{`[1,2]`, `[2,1]`, false},
		{`[1]`, `[1,1]`, false},
		{`{"a":1,"b":[true]}`, `{"b":[true],"a":1.0}`, true},
		{`{"a":1}`, `{"a":1,"b":null}`, false},
		{`{}`, `[]`, false},
	}
	for _, tt := range tests {
		for _, pair := range [][2]string{{tt.a, tt.b}, {tt.b, tt.a}} {
			got, err := jsonEqual([]byte(pair[0]), []byte(pair[1]))
			if err != nil || got != tt.want {
				t.Errorf("jsonEqual(%s, %s) = %v, %v; want %v", pair[0], pair[1], got, err, tt.want)
			}
		}
	}
}
