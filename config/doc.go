// Package config reads aptly-doctor.yaml: the Aptly environments a team works
// with, their boards and the environment variables that hold their keys.
//
// Load keeps the line and column of every node, so each schema or semantic
// error is a Problem that points into the user's own file (AD301). Keys are
// read only from the variables the file names, kept unexported and shown
// only masked: a report can name a key without ever holding it whole.
//
// The registry lookups (Env, BoardsByID, EnvsByHost, KeyOwners) and the
// config-level findings (SharedIDs, LiteralKeys, MissingKeys) are the data
// the cross-environment checks judge requests against; this package only
// gathers them and never decides severities.
package config
