package checks

// All is every check, sorted by ID. It is the one registry: the CLI, the
// `checks` and `explain` commands, SARIF rules and the README table all read it.
var All = []*Check{
	JSONSyntax,
	PayloadShape,
	PayloadSchema,
	DuplicateKey,
	UnknownField,
	FieldValue,
	UpdateMode,
	Placeholder,
	SecretInBody,
	ContentType,
	AuthHeader,
	TokenInURL,
	Endpoint,
	APIGeneration,
	ConfigInvalid,
	KeyBoardMismatch,
	CrossEnvironmentID,
	SharedID,
	LiteralSecret,
	MissingKey,
	HardCodedBoardID,
	KeyOpensBoard,
	RateLimited,
	AptlyUnreachable,
	ResponseStatus,
}

// ByID returns the check with the given ID.
func ByID(id string) (*Check, bool) {
	for _, c := range All {
		if c.ID == id {
			return c, true
		}
	}
	return nil, false
}
