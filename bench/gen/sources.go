package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// The source corpora: a tree of code that never mentions Aptly (what a
// folder walk of a big repository mostly meets), and a repository of a
// real size where a few files call Aptly, some of them wrongly.

var sourceExts = []string{".ts", ".js", ".py", ".go", ".rb", ".php", ".java", ".cs", ".yml", ".sh"}

// codeFile writes about size bytes of plausible code in the language of
// ext: functions, string literals, comments, URLs of other services.
func (g *gen) codeFile(ext string, size int) string {
	var b strings.Builder
	words := []string{"user", "order", "invoice", "tenant", "lease", "unit", "payment", "report", "sync", "queue", "cache", "event"}
	hosts := []string{"https://api.stripe.com/v1/charges", "https://hooks.slack.com/services/T000/B000", "https://example.org/api/v2/items", "https://graph.microsoft.com/v1.0/me"}
	for i := 0; b.Len() < size; i++ {
		w := g.pick(words) + g.pick(words)
		s := g.pick(hosts)
		n := g.rnd.IntN(1000)
		switch ext {
		case ".py":
			fmt.Fprintf(&b, "# %s handles %d items\ndef %s_%d(items, limit=%d):\n    url = f\"%s/{items[0]}\"\n    return [x for x in items if x != '%s'][:limit]\n\n", w, n, w, i, n, s, w)
		case ".go":
			fmt.Fprintf(&b, "// %s%d handles %d items.\nfunc %s%d(items []string) (string, error) {\n\turl := \"%s/\" + items[0]\n\treturn fmt.Sprintf(\"%%s:%d\", url), nil\n}\n\n", w, i, n, w, i, s, n)
		case ".rb":
			fmt.Fprintf(&b, "# %s handles %d items\ndef %s_%d(items)\n  url = \"%s/#{items.first}\"\n  items.map { |x| x.to_s + '%s' }\nend\n\n", w, n, w, i, s, w)
		case ".php":
			fmt.Fprintf(&b, "// %s handles %d items\nfunction %s_%d(array $items): string {\n    $url = '%s/' . $items[0];\n    return \"{$url}?n=%d\";\n}\n\n", w, n, w, i, s, n)
		case ".java", ".cs":
			fmt.Fprintf(&b, "    // %s handles %d items\n    public String %s%d(String id) {\n        var url = \"%s/\" + id;\n        return url + \"?limit=%d\";\n    }\n\n", w, n, w, i, s, n)
		case ".yml":
			fmt.Fprintf(&b, "%s_%d:\n  url: %s\n  retries: %d\n  # the %s queue\n  name: \"%s\"\n", w, i, s, n%7, w, w)
		case ".sh":
			fmt.Fprintf(&b, "# %s %d\n%s_%d() {\n  curl -sS \"%s/$1\" -o \"/tmp/%s.json\"\n}\n\n", w, n, w, i, s, w)
		default: // .js, .ts
			fmt.Fprintf(&b, "// %s handles %d items\nexport async function %s%d(items) {\n  const url = `%s/${items[0]}`;\n  return fetch(url, { headers: { Accept: 'application/json' } }).then((r) => r.json());\n}\n\n", w, n, w, i, s)
		}
	}
	return b.String()
}

// aptlyFile is a file that calls Aptly, in one of a few ways people do,
// right or wrong.
func (g *gen) aptlyFile(ext string, i int) string {
	board := fmt.Sprintf("Bd%015d", i)
	switch ext {
	case ".py":
		return fmt.Sprintf("import os\nimport requests\n\nBOARD_ID = %q\n\n\ndef push(card):\n    url = f\"https://api.getaptly.com/api/aptlet/{BOARD_ID}\"\n    return requests.post(url, json=card, headers={\"x-token\": os.environ[\"APTLY_KEY\"]})\n", board)
	case ".php":
		return "<?php\nfunction push(string $board, array $card) {\n    $ch = curl_init('https://api.getaptly.com/api/aptlet/' . $board . '?x-token=' . getenv('APTLY_KEY'));\n    curl_setopt($ch, CURLOPT_POSTFIELDS, json_encode($card));\n    return curl_exec($ch);\n}\n"
	default:
		return "export async function push(board, card) {\n  return fetch(`https://api.getaptly.com/api/aptlet/${board}`, {\n    method: 'POST',\n    headers: { 'Content-Type': 'application/json', 'x-token': process.env.APTLY_KEY },\n    body: JSON.stringify(card),\n  });\n}\n"
	}
}

// sources writes n files of code that never mention Aptly, in folders of
// fifty, like a big repository.
func (g *gen) sources(dir string, n int) error {
	for i := range n {
		ext := sourceExts[i%len(sourceExts)]
		path := filepath.Join(dir, fmt.Sprintf("pkg%03d", i/50), fmt.Sprintf("mod%05d%s", i, ext))
		if err := writeFile(path, g.codeFile(ext, 1500+g.rnd.IntN(4000))); err != nil {
			return err
		}
	}
	return nil
}

// repo writes a repository of n files where one in a hundred calls Aptly,
// with a .gitignore'd build folder beside it.
func (g *gen) repo(dir string, n int) error {
	for i := range n {
		ext := sourceExts[i%len(sourceExts)]
		calls := i%100 == 7
		if calls {
			ext = []string{".py", ".php", ".js", ".ts"}[(i/100)%4]
		}
		path := filepath.Join(dir, "src", fmt.Sprintf("area%02d", i/100), fmt.Sprintf("file%05d%s", i, ext))
		content := g.codeFile(ext, 1500+g.rnd.IntN(4000))
		if calls {
			content = g.aptlyFile(ext, i) + "\n" + content
		}
		if err := writeFile(path, content); err != nil {
			return err
		}
	}
	for i := range n / 10 {
		if err := writeFile(filepath.Join(dir, "build", fmt.Sprintf("out%05d.js", i)), g.codeFile(".js", 3000)); err != nil {
			return err
		}
	}
	return writeFile(filepath.Join(dir, ".gitignore"), "build/\n*.log\n")
}

func writeFile(path, content string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(content), 0o644)
}
