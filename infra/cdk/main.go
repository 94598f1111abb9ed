// Command cdk is Brána's AWS CDK app: `make synth` (or the CDK CLI, through
// cdk.json) runs it to write the cloud assembly of one stage.
//
//	cd infra/cdk && go run .                 # dev, into cdk.out/
//	cd infra/cdk && BRANA_STAGE=prod go run .
//
// The Lambda binaries must be built first (`make build`, into build/ at
// the repository root; BRANA_ASSET_DIR points elsewhere). The front door's
// files come from web/dist (BRANA_WEB_DIR points elsewhere): without them
// the stack synthesises with a warning and no web deployment, and a
// deployment (brana:strict) is refused.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/cxapi"

	"github.com/mpsv/brana/infra/cdk/stack"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "cdk:", err)
		os.Exit(1)
	}
}

func run() error {
	opts := stack.AppOptions{}
	// The CDK CLI passes cdk.json's context (and -c values) in
	// CDK_CONTEXT_JSON and the output directory in CDK_OUTDIR; run on its
	// own, the app reads cdk.json itself and writes to cdk.out/, so both
	// ways synthesise the same.
	if os.Getenv("CDK_CONTEXT_JSON") == "" {
		ctx, err := stack.ReadCDKJSON("cdk.json")
		if err != nil {
			return fmt.Errorf("run from infra/cdk: %w", err)
		}
		opts.Context = ctx
	}
	if os.Getenv("CDK_OUTDIR") == "" {
		opts.Outdir = "cdk.out"
	}
	assetDir := filepath.Join("..", "..", "build")
	if v := os.Getenv("BRANA_ASSET_DIR"); v != "" {
		assetDir = v
	}
	abs, err := filepath.Abs(assetDir)
	if err != nil {
		return err
	}
	opts.AssetDir = abs
	webDir := filepath.Join("..", "..", "web", "dist")
	if v := os.Getenv("BRANA_WEB_DIR"); v != "" {
		webDir = v
	}
	if opts.WebDir, err = filepath.Abs(webDir); err != nil {
		return err
	}

	app, st, err := stack.NewApp(opts)
	if err != nil {
		return err
	}
	for _, fn := range stack.FunctionNames() {
		if _, err := os.Stat(st.Config.BootstrapPath(fn)); err != nil {
			return fmt.Errorf("%v: run `make build` first", err)
		}
	}
	asm := app.Synth(nil)

	// The CDK CLI refuses an assembly with error annotations; so does this.
	var errs []string
	warnings := 0
	for _, art := range *asm.Artifacts() {
		for _, m := range *art.Messages() {
			switch m.Level {
			case cxapi.SynthesisMessageLevel_ERROR:
				errs = append(errs, fmt.Sprintf("%s: %v", *m.Id, m.Entry.Data))
			case cxapi.SynthesisMessageLevel_WARNING:
				warnings++
				// cdk-nag's warnings are in its report; the stack's own
				// (a missing web build) are said here.
				if msg := fmt.Sprint(m.Entry.Data); !strings.HasPrefix(msg, "AwsSolutions-") {
					fmt.Fprintf(os.Stderr, "warning: %s\n", msg)
				}
			}
		}
	}
	var names []string
	for _, s := range st.Stacks() {
		names = append(names, fmt.Sprintf("%s (%s)", *s.StackName(), *s.Region()))
	}
	fmt.Fprintf(os.Stderr, "synthesised %s, stage %s, into %s: %d errors, %d warnings\n",
		strings.Join(names, ", "), st.Config.Stage, *asm.Directory(), len(errs), warnings)
	if len(errs) > 0 {
		return fmt.Errorf("%d errors:\n  %s", len(errs), strings.Join(errs, "\n  "))
	}
	return nil
}
