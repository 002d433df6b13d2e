package source

import (
	"testing"
	"unicode/utf8"

	"github.com/aptly-doctor/aptly-doctor/input"
)

// FuzzTokenize holds the tokenizer and the unit finder to their promise on
// any bytes, in every family: no panic, every token and every position
// inside the file.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"fetch(`https://api.getaptly.com/api/aptlet/${id}?x-token=${k}`)",
		`url = f"https://api.getaptly.com/api/aptlet/{b}?x-token={{k}}" # c`,
		"uri = URI(\"https://api.getaptly.com/api/aptlet/#{id}\")\nx = <<~EOS\n  /api/board/#{y}\nEOS\n",
		"curl -H 'x-token: abcdefgh1234' https://api.getaptly.com/api/aptlet/x <<EOF\nbody $V\nEOF\n",
		"$u = \"https://api.getaptly.com/api/aptlet/$B?x-token=$env:K\"\n$h = @\"\n${x}\n\"@\n",
		"<?php $u = 'https://api.getaptly.com/api/aptlet/' . $b . \"?x-token={$k}\"; $s = <<<EOT\nx-token: $k\nEOT;\n",
		"run: |\n  curl \"https://api.getaptly.com/api/board/${B}\"\nx-token: 'abc'\nBOARD_ID=Zz9UnknownBoard1\n",
		`var s = $@"https://api.getaptly.com/api/aptlet/{id}""x"; /* x-token */ a = /"re/.test(b)`,
		"\"x-token\" => \"", "`${", "f'{", "<<<'", "@\"", "%q(x-token", "\\", "'x-token': '\xff\xfe'",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for fam := CLike; fam <= Config; fam++ {
			for _, tk := range tokenize(data, fam) {
				if tk.off < 0 || tk.end > len(data) || tk.off > tk.end {
					t.Fatalf("family %d: token %q spans [%d,%d) of %d bytes", fam, tk.text, tk.off, tk.end, len(data))
				}
				if tk.kind == tString {
					if len(tk.offs) != len(tk.text) {
						t.Fatalf("family %d: string %q has %d offsets", fam, tk.text, len(tk.offs))
					}
					for _, o := range tk.offs {
						if o < 0 || o >= len(data) {
							t.Fatalf("family %d: offset %d outside %d bytes", fam, o, len(data))
						}
					}
				}
			}
			src := &input.Source{Path: "f", Data: data}
			lines := 1
			for _, c := range data {
				if c == '\n' {
					lines++
				}
			}
			inside := func(p input.Pos) {
				if p.Line < 1 || p.Line > lines || p.Col < 1 || p.Col > utf8.RuneCount(data)+1 {
					t.Fatalf("family %d: position %v outside the file (%d lines)", fam, p, lines)
				}
			}
			for _, u := range Parse(src, fam, Options{}) {
				if u.BoardID != nil {
					inside(u.BoardID.At)
				}
				if r := u.Request; r != nil {
					inside(r.URLAt)
					for _, p := range r.URLPositions {
						inside(p)
					}
					for _, h := range r.Headers {
						inside(h.At)
					}
				}
			}
		}
	})
}
