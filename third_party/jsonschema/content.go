package jsonschema

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
)

// Decoder specifies how to decode specific contentEncoding.
type Decoder struct {
	// Name of contentEncoding.
	Name string
	// Decode given string to byte array.
	Decode func(string) ([]byte, error)
}

// decoders are the built-in content encodings, found by name with
// builtinDecoder. An array rather than upstream's map, so that the package's
// init builds nothing (see formats).
var decoders = [...]Decoder{
	{
		Name: "base64",
		Decode: func(s string) ([]byte, error) {
			return base64.StdEncoding.DecodeString(s)
		},
	},
}

// builtinDecoder returns the built-in content encoding called name, or nil.
func builtinDecoder(name string) *Decoder {
	for i := range decoders {
		if decoders[i].Name == name {
			return &decoders[i]
		}
	}
	return nil
}

// MediaType specified how to validate bytes against specific contentMediaType.
type MediaType struct {
	// Name of contentMediaType.
	Name string

	// Validate checks whether bytes conform to this mediatype.
	Validate func([]byte) error

	// UnmarshalJSON unmarshals bytes into json value.
	// This must be nil if this mediatype is not compatible
	// with json.
	UnmarshalJSON func([]byte) (any, error)
}

// mediaTypes are the built-in content media types, found by name with
// builtinMediaType. An array rather than upstream's map (see decoders).
var mediaTypes = [...]MediaType{
	{
		Name: "application/json",
		Validate: func(b []byte) error {
			var v any
			return json.Unmarshal(b, &v)
		},
		UnmarshalJSON: func(b []byte) (any, error) {
			return UnmarshalJSON(bytes.NewReader(b))
		},
	},
}

// builtinMediaType returns the built-in content media type called name, or
// nil.
func builtinMediaType(name string) *MediaType {
	for i := range mediaTypes {
		if mediaTypes[i].Name == name {
			return &mediaTypes[i]
		}
	}
	return nil
}
