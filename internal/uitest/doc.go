// Package uitest holds the dashboard's browser tests: they drive a real
// headless Chromium (Debian's chromium package, or the binary $CHROMIUM
// names) with chromedp against a mockisc server, assert on the DOM and
// take a screenshot of each view into $MOCKISC_ARTIFACTS (a temporary
// folder by default). Where no Chromium is installed they skip, saying
// so. They live apart from package mockisc so that chromedp stays out of
// its test binary; the package has no code of its own.
package uitest
