//go:build !linux

package ddblocal

import "syscall"

// sysProcAttr returns nil: parent-death signals are Linux-only, so
// elsewhere the JVM is ended by Stop alone.
func sysProcAttr() *syscall.SysProcAttr { return nil }
