package fix

import "testing"

func TestFormToJSON(t *testing.T) {
	tests := []struct {
		name, in, want string
		ok             bool
	}{
		{name: "fields in order, decoded", in: "Name=Maria+Lopez&Status=New&Notes=a%26b", want: `{"Name": "Maria Lopez", "Status": "New", "Notes": "a&b"}`, ok: true},
		{name: "json stays json", in: `{"Name":"x"}`, ok: false},
		{name: "a field without =", in: "Name=x&oops", ok: false},
		{name: "a repeated field is a guess", in: "a=1&a=2", ok: false},
		{name: "plain text", in: "hello world", ok: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := formToJSON([]byte(tt.in))
			if ok != tt.ok || ok && string(got) != tt.want {
				t.Errorf("formToJSON(%q) = %s, %v; want %s, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}
