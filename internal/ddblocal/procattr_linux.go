//go:build linux

package ddblocal

import "syscall"

// sysProcAttr makes the kernel send SIGKILL to the JVM when the process
// that started it dies, so a crashed or killed test binary leaves no java
// behind. (Pdeathsig follows the OS thread that forked the child; the Go
// runtime does not end threads that are not locked with LockOSThread, so
// in practice this is the whole process's lifetime.)
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
