package examples_test

import (
	"flag"
	"testing"

	"github.com/mockisc/mockisc/fixtures"
)

var _ = flag.Bool("update", false, "rewrite the expected bodies in testdata")

// TestScenarios checks, as data, the calls the example client makes.
func TestScenarios(t *testing.T) {
	t.Parallel()
	fixtures.Run(t, fixtures.Dir("testdata"), "*.json")
}
