package wire_test

import (
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/wire"
)

// TestTableIsTheRegistry: one constructor per function of the registry,
// in its order, HTTP constructors exactly for the HTTP functions.
func TestTableIsTheRegistry(t *testing.T) {
	var names []string
	for _, f := range wire.Functions {
		names = append(names, f.Name)
		if r, ok := registry.Get(f.Name); !ok || (f.HTTP != nil) != r.HTTP() || f.Build == nil {
			t.Errorf("%s: HTTP constructor %v, registry HTTP %v, Build %v", f.Name, f.HTTP != nil, r.HTTP(), f.Build != nil)
		}
	}
	if want := registry.Names(); !slices.Equal(names, want) {
		t.Errorf("constructors: got %v, want the registry's %v", names, want)
	}
	// make build and make invoke list functions/*/main.go.
	mains, err := filepath.Glob("../../functions/*/main.go")
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, m := range mains {
		dirs = append(dirs, filepath.Base(filepath.Dir(m)))
	}
	if want := slices.Sorted(slices.Values(registry.Names())); !slices.Equal(dirs, want) {
		t.Errorf("functions/*/main.go: got %v, want one per function of the registry %v", dirs, want)
	}
}

// TestFunctionsLinkOnlyWhatTheyUse checks each functions/<name>'s package
// dependencies: no other function's constructor, no test or local-stack
// assembly, no demo data; Secrets Manager only where the outbox key is read;
// a mailer only in the sender.
func TestFunctionsLinkOnlyWhatTheyUse(t *testing.T) {
	const mod = "github.com/mpsv/brana/"
	for _, f := range registry.Functions() {
		t.Run(f.Name, func(t *testing.T) {
			out, err := exec.Command("go", "list", "-deps", "-tags", "lambda.norpc,validator_novalidatefn", "../../functions/"+f.Name).CombinedOutput()
			if err != nil {
				t.Fatalf("go list: %v\n%s", err, out)
			}
			deps := strings.Fields(string(out))
			has := func(pkg string) bool { return slices.Contains(deps, pkg) }
			for _, other := range wire.Functions {
				pkg := mod + "internal/wire/" + strings.ReplaceAll(other.Name, "-", "")
				if got, want := has(pkg), other.Name == f.Name; got != want {
					t.Errorf("links %s: got %v, want %v", pkg, got, want)
				}
			}
			for _, pkg := range []string{mod + "internal/wire", mod + "internal/app", mod + "internal/apptest", mod + "internal/ddblocal", mod + "internal/localgw"} {
				if has(pkg) {
					t.Errorf("links %s", pkg)
				}
			}
			checks := []struct {
				pkg  string
				want bool
			}{
				{"github.com/aws/aws-sdk-go-v2/service/secretsmanager", f.Uses(registry.OutboxKey)},
				{mod + "internal/boot/awssecret", f.Uses(registry.OutboxKey)},
				{"github.com/aws/aws-sdk-go-v2/service/sesv2", f.SendsMail},
				{mod + "internal/mailer/sesmailer", f.SendsMail},
				{mod + "internal/mailer/filemailer", f.SendsMail},
				{mod + "internal/api", f.HTTP()},
			}
			for _, c := range checks {
				if got := has(c.pkg); got != c.want {
					t.Errorf("links %s: got %v, want %v", c.pkg, got, c.want)
				}
			}
		})
	}
}
