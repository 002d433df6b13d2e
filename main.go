// Command aptly-doctor lints and diagnoses integrations with the Aptly REST
// API: payloads, the requests around them and the config that maps
// environments, boards and keys. See README.md.
package main

import (
	"os"

	"github.com/aptly-doctor/aptly-doctor/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args, os.Stdin, os.Stdout, os.Stderr, os.LookupEnv))
}
