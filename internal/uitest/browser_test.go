package uitest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromiumPath returns the Chromium to drive: $CHROMIUM, else
// /usr/bin/chromium; the test skips when there is none.
func chromiumPath(t *testing.T) string {
	t.Helper()
	p := os.Getenv("CHROMIUM")
	if p == "" {
		p = "/usr/bin/chromium"
	}
	if _, err := exec.LookPath(p); err != nil {
		t.Skipf("no Chromium at %s (set $CHROMIUM, or apt-get install -y chromium; .ci/run installs it): %v", p, err)
	}
	return p
}

// artifacts returns the folder screenshots go to: $MOCKISC_ARTIFACTS,
// made if need be, else a temporary folder.
func artifacts(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("MOCKISC_ARTIFACTS")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// browser is one headless Chromium tab, its screenshot folder, and the
// limit of each step.
type browser struct {
	t   *testing.T
	ctx context.Context
	dir string
}

// newBrowser starts a headless Chromium with a fresh profile, as the
// closed network here needs it: no sandbox (root), no GPU, no QUIC, no
// background traffic. width and height are the viewport's.
func newBrowser(t *testing.T, width, height int) *browser {
	t.Helper()
	path := chromiumPath(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true), chromedp.Flag("force-device-scale-factor", "1"),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(width, height),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil { // start the browser: installed, it must run
		t.Fatalf("Chromium at %s does not start: %v", path, err)
	}
	return &browser{t: t, ctx: ctx, dir: artifacts(t)}
}

// stepTimeout bounds every step, so a hung page fails the test instead of
// stalling it.
const stepTimeout = 30 * time.Second

// do runs steps once the page has loaded, failing the test on error. A
// form's success reloads its page: a step that finds its node replaced
// by the reload as it acts ("No node with given id found") runs again on
// the loaded page, once; the steps of these tests end with their one
// click, so a step that failed before it did not act.
func (b *browser) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	for try := 1; ; try++ {
		b.waitFor(`document.readyState === "complete"`, "document.readyState")
		ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
		err := chromedp.Do(ctx, steps...)
		cancel()
		if err == nil {
			return
		}
		if try == 2 || !strings.Contains(err.Error(), "No node with given id found") {
			b.t.Fatalf("%s: %v", what, err)
		}
	}
}

// open loads url and waits until its main heading shows.
func (b *browser) open(url string) {
	b.t.Helper()
	b.do("open "+url, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS("main h1")))
}

// eval evaluates a JavaScript expression.
func eval[T any](b *browser, expr string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		b.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// waitFor evaluates expr, a JavaScript boolean, until it is true, across
// page loads (a form's navigation, the script's reload); it fails the
// test after stepTimeout, showing what (a JavaScript string) says then.
func (b *browser) waitFor(expr, what string) {
	b.t.Helper()
	deadline := time.Now().Add(stepTimeout)
	for {
		ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		cancel()
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
			got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](what))
			cancel()
			b.t.Fatalf("waited %v for %s; %s is %q (last error %v)", stepTimeout, expr, what, got, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// screenshot saves the viewport as name.png in the artifact folder.
func (b *browser) screenshot(name string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(b.dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot %s (%d KB)", path, len(png)/1024)
}

// js quotes s as a JavaScript string.
func js(s string) string { return fmt.Sprintf("%q", s) }

// text returns a JavaScript expression for the trimmed text of the first
// element sel matches, "" when none.
func text(sel string) string {
	return fmt.Sprintf(`((document.querySelector(%s) || {}).textContent || "").trim()`, js(sel))
}

// count returns a JavaScript expression for how many elements sel
// matches.
func count(sel string) string { return fmt.Sprintf(`document.querySelectorAll(%s).length`, js(sel)) }

// contains reports, in JavaScript, whether the text of sel contains s.
func contains(sel, s string) string { return fmt.Sprintf(`%s.includes(%s)`, text(sel), js(s)) }
