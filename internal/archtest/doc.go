// Package archtest holds only tests. They enforce the module's import graph:
// filter and jsonpatch depend on nothing in this module, mockisc depends only
// on them, fixtures on mockisc, and the command on fixtures and mockisc.
// Non-test code never imports testing or go-cmp.
package archtest
