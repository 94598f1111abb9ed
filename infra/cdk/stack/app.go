package stack

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"
)

// AppOptions say how to build the CDK app.
type AppOptions struct {
	// Context is added to the app's context: cdk.json's "context" when the
	// app runs without the CDK CLI (the CLI passes it itself), plus any
	// overrides. Nil adds nothing.
	Context map[string]any
	// Outdir is where the cloud assembly goes; empty: CDK_OUTDIR (set by
	// the CLI) or a temporary directory.
	Outdir string
	// AssetDir holds <fn>/bootstrap for every function.
	AssetDir string
	// WebDir is the front door's build output (web/dist); see Config.WebDir.
	WebDir string
	// Env reads the environment (os.Getenv when nil).
	Env func(string) string
}

// NewApp builds the app with the stacks of the selected stage and the
// cdk-nag AWS Solutions checks applied to the whole app.
func NewApp(o AppOptions) (awscdk.App, *Stack, error) {
	if o.Env == nil {
		o.Env = os.Getenv
	}
	props := &awscdk.AppProps{}
	if o.Context != nil {
		props.Context = &o.Context
	}
	if o.Outdir != "" {
		props.Outdir = jsii.String(o.Outdir)
	}
	a := awscdk.NewApp(props)
	cfg, err := FromContext(func(k string) any { return a.Node().TryGetContext(jsii.String(k)) }, o.Env, o.AssetDir, o.WebDir)
	if err != nil {
		return nil, nil, err
	}
	st, err := New(a, cfg)
	if err != nil {
		return nil, nil, err
	}
	awscdk.Aspects_Of(a).Add(cdknag.NewAwsSolutionsChecks(&cdknag.NagPackProps{
		Verbose: jsii.Bool(true),
		Reports: jsii.Bool(true), // AwsSolutions-<stack>-NagReport.csv in the cloud assembly
	}), nil)
	return a, st, nil
}

// ReadCDKJSON returns the "context" object of a cdk.json file.
func ReadCDKJSON(path string) (map[string]any, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var f struct {
		Context map[string]any `json:"context"`
	}
	if err := json.Unmarshal(raw, &f); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return f.Context, nil
}
