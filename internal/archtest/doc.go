// Package archtest holds only tests. They enforce the module's import graph:
// filter and jsonpatch depend on nothing in this module, mockisc depends only
// on them, fixtures on mockisc, and the command on fixtures and mockisc (and,
// like mockisc, on the certificate maker internal/tlsca, a leaf).
// Non-test code never imports testing or go-cmp.
package archtest
