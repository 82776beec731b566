package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// subcommands are the tools that check the fake against a real tenant;
// "mockisc [flags]" without one serves the fake, as always.
var subcommands = map[string]func(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int{
	"import": runImport,
	"record": runRecord,
	"verify": runVerify,
}

// Environment variables of the tenant tools.
const (
	clientIDEnv     = "MOCKISC_CLIENT_ID"
	clientSecretEnv = "MOCKISC_CLIENT_SECRET"
)

// credentials are the tenant flags import, record and verify share.
type credentials struct {
	url, clientID, secret, secretFile string
}

func (c *credentials) define(fs *flag.FlagSet, urlName, urlHelp string) {
	fs.StringVar(&c.url, urlName, "", urlHelp)
	fs.StringVar(&c.clientID, "client-id", "", "OAuth client `id` (default $"+clientIDEnv+")")
	fs.StringVar(&c.secret, "client-secret", "", "OAuth client `secret` (visible in ps: prefer -client-secret-file or $"+clientSecretEnv+")")
	fs.StringVar(&c.secretFile, "client-secret-file", "", "read the client secret from the first line of `file`")
}

// resolve fills the client id and secret from the environment or the
// secret file. The secret never appears in an error.
func (c *credentials) resolve(getenv func(string) string) error {
	if c.clientID == "" {
		c.clientID = getenv(clientIDEnv)
	}
	if c.secret != "" && c.secretFile != "" {
		return errors.New("-client-secret and -client-secret-file exclude each other")
	}
	if c.secretFile != "" {
		b, err := os.ReadFile(c.secretFile)
		if err != nil {
			return fmt.Errorf("-client-secret-file: %v", unwrapPath(err))
		}
		line, _, _ := strings.Cut(string(b), "\n")
		c.secret = strings.TrimSpace(line)
		if c.secret == "" {
			return fmt.Errorf("-client-secret-file: %s holds no secret on its first line", c.secretFile)
		}
	}
	if c.secret == "" {
		c.secret = getenv(clientSecretEnv)
	}
	return nil
}

// parseSub parses a subcommand's flags; -h prints its usage and returns
// errUsage.
func parseSub(fs *flag.FlagSet, args []string, stderr io.Writer, usage string) error {
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(stderr)
			fmt.Fprintln(stderr, "usage: "+usage)
			fs.PrintDefaults()
			return errUsage
		}
		return err
	}
	return nil
}

// subFail reports a subcommand's error and returns its exit code.
func subFail(stderr io.Writer, name string, err error) int {
	if errors.Is(err, errUsage) {
		return exitOK
	}
	fmt.Fprintf(stderr, "mockisc %s: %v\n", name, err)
	return exitUsage
}
