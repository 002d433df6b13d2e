package load

import "testing"

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{in: "32MiB", want: 32 << 20, ok: true},
		{in: "1.5KiB", want: 1536, ok: true},
		{in: "0.5KB", want: 500, ok: true},
		{in: "100", want: 100, ok: true},
		{in: "0"}, {in: "-1"}, {in: "nan"}, {in: "NaN"}, {in: "inf"}, {in: "+Inf"},
		{in: "0.5"}, {in: "1e-9"}, {in: "1e-9MiB"}, {in: "abc"}, {in: "1e300"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseSize(tt.in)
			if tt.ok && (err != nil || got != tt.want) {
				t.Errorf("ParseSize(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
			}
			if !tt.ok && err == nil {
				t.Errorf("ParseSize(%q) = %d; want it refused", tt.in, got)
			}
		})
	}
}
