package examples_test

import (
	"flag"
	"os"
	"testing"

	"github.com/mockisc/mockisc/fixtures"
)

var _ = flag.Bool("update", false, "rewrite the expected bodies in testdata")

// TestScenarios checks, as data, the calls the example client makes.
func TestScenarios(t *testing.T) {
	t.Parallel()
	fixtures.Run(t, fixtures.Dir("testdata"), "*.json")
}

// TestScenariosAgainstTenant runs the same files against a real tenant
// when $MOCKISC_VERIFY_URL (and $MOCKISC_VERIFY_CLIENT_ID,
// $MOCKISC_VERIFY_CLIENT_SECRET) name one, and reports where it answers
// differently from the fake; it is skipped otherwise. The tenant must
// already hold each file's tenant.
func TestScenariosAgainstTenant(t *testing.T) {
	t.Parallel()
	fixtures.RunVerify(t, os.Getenv, fixtures.Dir("testdata"), "*.json")
}
