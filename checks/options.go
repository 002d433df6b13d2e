package checks

import (
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Options is what every check may read besides its unit: settings of the
// run that the driver resolved before any check runs.
type Options struct {
	// Schema replaces the bundled card schema for AD103 (--schema).
	Schema     *jsonschema.Schema
	SchemaPath string
}
