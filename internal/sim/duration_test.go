package sim

import (
	"encoding/json"
	"testing"
	"time"
)

func TestJSONDurationWritesAGoDurationString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, `"0s"`},
		{time.Nanosecond, `"1ns"`},
		{250 * time.Millisecond, `"250ms"`},
		{1500 * time.Millisecond, `"1.5s"`},
		{10 * time.Second, `"10s"`},
		{time.Hour + time.Minute, `"1h1m0s"`},
		{-2 * time.Second, `"-2s"`},
	}
	for _, tt := range tests {
		b, err := json.Marshal(JSONDuration(tt.d))
		if err != nil || string(b) != tt.want {
			t.Errorf("Marshal(%v) = %s, %v; want %s", tt.d, b, err, tt.want)
		}
		var back JSONDuration
		if err := json.Unmarshal(b, &back); err != nil || time.Duration(back) != tt.d {
			t.Errorf("round trip of %v gave %v, %v", tt.d, time.Duration(back), err)
		}
	}
}

func TestJSONDurationReadsStringsAndNanoseconds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in string
		want     time.Duration
	}{
		{"a duration string", `"10s"`, 10 * time.Second},
		{"a fractional string", `"1.5s"`, 1500 * time.Millisecond},
		{"a compound string", `"1m30s"`, 90 * time.Second},
		{"a negative string", `"-250ms"`, -250 * time.Millisecond},
		{"zero as a string", `"0"`, 0},
		{"nanoseconds", `10000000000`, 10 * time.Second},
		{"zero nanoseconds", `0`, 0},
		{"negative nanoseconds", `-5`, -5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var d JSONDuration
			if err := json.Unmarshal([]byte(tt.in), &d); err != nil {
				t.Fatalf("Unmarshal(%s): %v", tt.in, err)
			}
			if time.Duration(d) != tt.want {
				t.Fatalf("Unmarshal(%s) = %v, want %v", tt.in, time.Duration(d), tt.want)
			}
		})
	}
}

func TestJSONDurationErrorNamesTheValue(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, names string
	}{
		{"a word", `"ten"`, `"ten"`},
		{"a number without unit as a string", `"1.5"`, `"1.5"`},
		{"an unknown unit", `"3 days"`, `"3 days"`},
		{"a fractional number of nanoseconds", `1.5`, `1.5`},
		{"a boolean", `true`, `true`},
		{"an object", `{"s":1}`, `{"s":1}`},
		{"an array", `[1]`, `[1]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := JSONDuration(42)
			err := json.Unmarshal([]byte(tt.in), &d)
			wantErr(t, err, "duration", tt.names)
			if d != 42 {
				t.Errorf("a failed read changed the duration to %v", time.Duration(d))
			}
		})
	}
}

// TestJSONDurationNull: null leaves the duration as it was.
func TestJSONDurationNull(t *testing.T) {
	t.Parallel()
	var rl RateLimit
	if err := json.Unmarshal([]byte(`{"limit":1,"window":null}`), &rl); err != nil {
		t.Fatalf("null window refused: %v", err)
	}
	if rl.Window != 0 || rl.Limit != 1 {
		t.Errorf("got %+v", rl)
	}
}
