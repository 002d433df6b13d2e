// Command floor is the least work any payload checker must do: walk a
// folder, read each .json file and decode it. The doctor's time on the same
// folder is judged against this one.
//
//	go run ./bench/floor [-jobs N] DIR
package main

import (
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
	flag.Parse()
	if flag.NArg() != 1 || *jobs < 1 {
		fmt.Fprintln(os.Stderr, "usage: floor [-jobs N] DIR")
		os.Exit(2)
	}
	var paths []string
	err := filepath.WalkDir(flag.Arg(0), func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.EqualFold(filepath.Ext(path), ".json") {
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
				if json.Unmarshal(data, &v) != nil {
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
