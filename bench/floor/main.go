// Command floor is the least work any payload checker must do: walk a
// folder, read each .json file and decode it. The doctor's time on the same
// folder is judged against this one. With -ndjson it is the plain loop over
// an NDJSON file instead: one thread, bufio.Scanner and json.Unmarshal per
// line, which the doctor's CPU time on the same file is judged against.
// With -any it reads every file and decodes nothing: the least work of a
// walk over source code.
//
//	go run ./bench/floor [-jobs N] [-any] DIR
//	go run ./bench/floor -ndjson FILE
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
)

func main() {
	jobs := flag.Int("jobs", runtime.NumCPU(), "files read and decoded at once, as the doctor's --jobs")
	ndjson := flag.Bool("ndjson", false, "decode the lines of one NDJSON file in one thread")
	anyFile := flag.Bool("any", false, "read every file and decode none (a walk over source code)")
	flag.Parse()
	if *ndjson {
		if flag.NArg() != 1 {
			fmt.Fprintln(os.Stderr, "usage: floor -ndjson FILE")
			os.Exit(2)
		}
		lines(flag.Arg(0))
		return
	}
	if flag.NArg() != 1 || *jobs < 1 {
		fmt.Fprintln(os.Stderr, "usage: floor [-jobs N] DIR")
		os.Exit(2)
	}
	var paths []string
	err := filepath.WalkDir(flag.Arg(0), func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && (*anyFile || strings.EqualFold(filepath.Ext(path), ".json")) {
			paths = append(paths, path)
		}
		return nil
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(2)
	}
	var (
		next, invalid atomic.Int64
		readErr       atomic.Value
		wg            sync.WaitGroup
	)
	for range *jobs {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(paths) {
					return
				}
				data, err := os.ReadFile(paths[i])
				if err != nil {
					readErr.Store(err)
					continue
				}
				var v any
				if !*anyFile && json.Unmarshal(data, &v) != nil {
					invalid.Add(1)
				}
			}
		})
	}
	wg.Wait()
	if err, _ := readErr.Load().(error); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(2)
	}
	fmt.Printf("%d files, %d not valid JSON\n", len(paths), invalid.Load())
}

// lines is the NDJSON loop: scan, decode into any, count what fails.
func lines(path string) {
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(2)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 32<<20)
	n, invalid := 0, 0
	for sc.Scan() {
		n++
		var v any
		if json.Unmarshal(sc.Bytes(), &v) != nil {
			invalid++
		}
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(2)
	}
	fmt.Printf("%d lines, %d not valid JSON\n", n, invalid)
}
