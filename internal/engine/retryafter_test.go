package engine

import (
	"encoding/json"
	"testing"

	"github.com/mockisc/mockisc/internal/sim"
)

// TestFaultAnswerRetryAfter pins which fault answers carry Retry-After,
// with and without Config.FaultRetryAfter.
func TestFaultAnswerRetryAfter(t *testing.T) {
	t.Parallel()
	own := map[string]string{"Retry-After": "7"}
	tests := []struct {
		name       string
		rule       sim.Fault
		retryAfter string // Config.FaultRetryAfter
		want       string // the Retry-After header, "" for none
	}{
		{"429 by default", sim.Fault{Status: 429}, "", "1"},
		{"503 by default", sim.Fault{Status: 503}, "", ""},
		{"429 with the option", sim.Fault{Status: 429}, "0", "0"},
		{"503 with the option", sim.Fault{Status: 503}, "2", "2"},
		{"503 with a body of its own", sim.Fault{Status: 503, Body: json.RawMessage(`{"x":1}`)}, "2", "2"},
		{"429 with a body of its own", sim.Fault{Status: 429, Body: json.RawMessage(`{"x":1}`)}, "2", "2"},
		{"the rule's header wins", sim.Fault{Status: 503, Headers: own}, "2", "7"},
		{"the rule's header without the option", sim.Fault{Status: 503, Headers: own}, "", "7"},
		{"500 is left alone", sim.Fault{Status: 500}, "2", ""},
		{"502 is left alone", sim.Fault{Status: 502}, "2", ""},
		{"504 is left alone", sim.Fault{Status: 504}, "2", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp := faultAnswer(&tt.rule, tt.retryAfter)
			if resp == nil || resp.Status != tt.rule.Status {
				t.Fatalf("faultAnswer = %+v, want status %d", resp, tt.rule.Status)
			}
			if got := resp.Header.Get("Retry-After"); got != tt.want {
				t.Errorf("Retry-After = %q, want %q", got, tt.want)
			}
		})
	}
	if resp := faultAnswer(&sim.Fault{Headers: map[string]string{"X": "1"}}, "2"); resp != nil {
		t.Errorf("a header-only rule answered %+v; it lets the call through", resp)
	}
	if resp := faultAnswer(&sim.Fault{Drop: true}, "2"); resp == nil || !resp.abort {
		t.Errorf("a drop answered %+v", resp)
	}
}
