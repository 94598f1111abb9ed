// Command staffroutes prints the route table's staff routes (internal/routes)
// as JSON: method, path and the groups that may use each. The console's
// access test (web/test/console-access.web.test.mjs) runs it to ask the
// local gateway, with every other group's token, for each of them.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/mpsv/brana/internal/routes"
)

type route struct {
	Method string   `json:"method"`
	Path   string   `json:"path"`
	Groups []string `json:"groups"`
}

func main() {
	var out []route
	for _, r := range routes.Table {
		if !r.Public() {
			out = append(out, route{Method: r.Method, Path: r.Path, Groups: r.Groups})
		}
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
