package secret

import "testing"

// TestKeyNameIsNoSecret: the header's name, written where a value stands
// (a Postman apikey auth, {"key": "key", "value": "x-token"}), is never
// masked as if it were the key.
func TestKeyNameIsNoSecret(t *testing.T) {
	for _, v := range []string{"x-token", "X-Token", "x-api-key"} {
		if !IsStandIn(v) {
			t.Errorf("IsStandIn(%q) = false", v)
		}
	}
	var s Set
	s.Text(`{"key": "key", "value": "x-token"}, {"key": "value", "value": "Pm4Xk8Qz2Rw6Ty1Ub5Nc"}`)
	for _, v := range s.Values() {
		if v == "x-token" {
			t.Errorf("the header name is taken for a secret: %q", s.Values())
		}
	}
}
