package stack

import (
	"fmt"
	"strings"

	"github.com/mpsv/brana/internal/registry"
)

// checkFunctions makes sure every function of the registry can be declared:
// sized, and an HTTP function within API Gateway's 30 s.
func checkFunctions() error {
	for _, f := range registry.Functions() {
		if f.MemoryMB <= 0 || f.TimeoutS <= 0 || f.MemoryWhy == "" || f.TimeoutWhy == "" {
			return fmt.Errorf("function %s: memory and timeout, each with its reason, are required", f.Name)
		}
		if f.HTTP() && f.TimeoutS > 29 {
			return fmt.Errorf("function %s: timeout %d s exceeds API Gateway's 30 s", f.Name, f.TimeoutS)
		}
		if len(f.Table.Keys) == 0 && len(f.Table.Actions) > 0 {
			return fmt.Errorf("function %s: table actions without key prefixes", f.Name)
		}
		for _, target := range f.Invokes {
			if _, ok := registry.Get(target); !ok || target == f.Name {
				return fmt.Errorf("function %s invokes %q: not another function of the registry", f.Name, target)
			}
			if invokeEnv[target] == "" {
				return fmt.Errorf("function %s invokes %s: no setting names it (invokeEnv in reports.go)", f.Name, target)
			}
		}
	}
	return nil
}

// construct IDs: "outbox-sender" → "OutboxSender".
func pascal(name string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' }) {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

// FunctionNames lists the functions the stack declares: the registry's.
func FunctionNames() []string { return registry.Names() }
