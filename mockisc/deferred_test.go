package mockisc

import (
	"strings"
	"testing"
	"time"
)

// TestDeferredTask pins a deferred mutation: 202 at once, the task pending
// with the old state visible, then SUCCESS and the change when the clock
// reaches its due time.
func TestDeferredTask(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, with(mode, WithTaskDelay(30*time.Second))...)
		s, id := e.s, e.fx.hrAlice.ID
		task := taskID(t, e.do(t, "POST", "/v3/accounts/"+id+"/disable", "{}"))
		status := func() string {
			return string(e.do(t, "GET", "/v2025/task-status/"+task, "").want(t, 200).body)
		}

		pending := status()
		for _, want := range []string{`"completionStatus":null`, `"completed":null`, `"progress":"Pending"`, `"percentComplete":0`} {
			if !strings.Contains(pending, want) {
				t.Errorf("pending task lacks %s: %s", want, pending)
			}
		}
		if got := string(e.do(t, "GET", "/v3/accounts/"+id, "").body); !strings.Contains(got, `"disabled":false`) {
			t.Errorf("the change is visible before the task is due: %s", got)
		}
		s.Clock().Advance(29 * time.Second)
		if a, _ := s.Account(id); a.Disabled {
			t.Error("changed 1 s before due")
		}
		s.Clock().Advance(time.Second)
		done := status()
		due := formatTime(DefaultStartTime().Add(s.Clock().Now().Sub(DefaultStartTime())))
		for _, want := range []string{`"completionStatus":"SUCCESS"`, `"completed":"` + due + `"`, `"percentComplete":100`} {
			if !strings.Contains(done, want) {
				t.Errorf("completed task lacks %s: %s", want, done)
			}
		}
		a, _ := s.Account(id)
		if !a.Disabled || !a.Modified.Equal(s.Clock().Now()) {
			t.Errorf("after due: disabled %v modified %v", a.Disabled, a.Modified)
		}
	})
}

// TestCompleteTasks checks completing pending tasks on demand, in order,
// and that a task whose account is gone fails instead of applying.
func TestCompleteTasks(t *testing.T) {
	t.Parallel()
	e := newEnv(t, WithoutListener(), WithTaskDelay(time.Hour))
	s, fx := e.s, e.fx
	hr := fx.hrAlice.ID
	taskID(t, e.do(t, "POST", "/v3/accounts/"+hr+"/disable", "{}"))
	taskID(t, e.do(t, "DELETE", "/v3/accounts/"+hr, ""))
	taskID(t, e.do(t, "POST", "/v3/accounts/"+hr+"/enable", "{}"))
	if n := s.CompleteTasks(); n != 3 {
		t.Fatalf("CompleteTasks() = %d, want 3", n)
	}
	tasks := s.Tasks()
	var got []string
	for _, tk := range tasks[len(tasks)-3:] {
		got = append(got, tk.Name+"="+tk.Status)
	}
	want := "Disable Account=SUCCESS Delete Account=SUCCESS Enable Account=ERROR"
	if strings.Join(got, " ") != want {
		t.Errorf("tasks = %v, want %s", got, want)
	}
	if _, ok := s.Account(hr); ok {
		t.Error("the deleted account is back")
	}
	if n := s.CompleteTasks(); n != 0 {
		t.Errorf("second CompleteTasks() = %d", n)
	}
	// With the delay off again, a mutation completes at once.
	s.SetTaskDelay(0)
	taskID(t, e.do(t, "POST", "/v3/accounts/"+fx.hrBob.ID+"/disable", "{}"))
	if a, _ := s.Account(fx.hrBob.ID); !a.Disabled {
		t.Error("SetTaskDelay(0) did not make tasks immediate")
	}
}

// TestDeferredTaskError checks a fault's taskError on a deferred task.
func TestDeferredTaskError(t *testing.T) {
	t.Parallel()
	e := newEnv(t, WithoutListener(), WithTaskDelay(time.Second))
	s, fx := e.s, e.fx
	if _, err := s.AddFault(Fault{Method: "POST", TaskError: "boom", Times: 1}); err != nil {
		t.Fatal(err)
	}
	taskID(t, e.do(t, "POST", "/v3/accounts/"+fx.hrAlice.ID+"/disable", "{}"))
	if tk := s.Tasks()[len(s.Tasks())-1]; tk.Status != "" {
		t.Fatalf("task finished before due: %+v", tk)
	}
	s.Clock().Advance(time.Second)
	tk := s.Tasks()[len(s.Tasks())-1]
	if tk.Status != TaskError || tk.Message != "boom" {
		t.Errorf("task = %+v", tk)
	}
	if a, _ := s.Account(fx.hrAlice.ID); a.Disabled {
		t.Error("a failed deferred task changed the tenant")
	}
}
