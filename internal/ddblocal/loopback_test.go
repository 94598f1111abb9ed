package ddblocal

import (
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestListensOnLoopbackOnly starts DynamoDB Local and checks that it
// answers on 127.0.0.1 and refuses connections on every other address of
// this machine (DynamoDB Local's own main listens on all of them).
func TestListensOnLoopbackOnly(t *testing.T) {
	s, err := Start(t.Context(), Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Stop()
	_, port, err := net.SplitHostPort(s.Endpoint()[len("http://"):])
	if err != nil {
		t.Fatal(err)
	}
	dial := func(ip net.IP) error {
		c, err := net.DialTimeout("tcp", net.JoinHostPort(ip.String(), port), 2*time.Second)
		if err == nil {
			c.Close()
		}
		return err
	}
	if err := dial(net.IPv4(127, 0, 0, 1)); err != nil {
		t.Fatalf("127.0.0.1:%s: %v", port, err)
	}
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		t.Fatal(err)
	}
	others := 0
	for _, a := range addrs {
		ipn, ok := a.(*net.IPNet)
		if !ok || ipn.IP.IsLoopback() || ipn.IP.IsLinkLocalUnicast() {
			continue
		}
		others++
		if err := dial(ipn.IP); err == nil {
			t.Errorf("DynamoDB Local answers on %s, port %s: want loopback only", ipn.IP, port)
		}
	}
	if others == 0 {
		// Without another address there is nothing to dial; the listening
		// socket itself must then say 127.0.0.1 (Linux).
		if got := listenAddr(t, port); got != "127.0.0.1" {
			t.Errorf("listening on %q, want 127.0.0.1", got)
		}
	}
	t.Logf("port %s: checked %d non-loopback addresses", port, others)
}

// listenAddr finds the local address of the listening TCP socket on port in
// /proc/net/tcp and tcp6.
func listenAddr(t *testing.T, port string) string {
	t.Helper()
	p, _ := strconv.Atoi(port)
	want := strconv.FormatInt(int64(p), 16)
	for _, f := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, line := range strings.Split(string(b), "\n")[1:] {
			fields := strings.Fields(line)
			if len(fields) < 4 || fields[3] != "0A" { // LISTEN
				continue
			}
			host, hexPort, _ := strings.Cut(fields[1], ":")
			if !strings.EqualFold(hexPort, fmt.Sprintf("%04s", strings.ToUpper(want))) {
				continue
			}
			switch host {
			case "0100007F", "0000000000000000FFFF00000100007F":
				return "127.0.0.1"
			default:
				return host
			}
		}
	}
	t.Fatalf("no listening socket on port %s", port)
	return ""
}

// TestStartWithoutCompilerModule: a Java runtime without jdk.compiler
// cannot run the launcher; the error says so and what to install.
func TestStartWithoutCompilerModule(t *testing.T) {
	t.Setenv("JDK_JAVA_OPTIONS", "--limit-modules java.base")
	s, err := Start(t.Context(), Options{InMemory: true})
	if err == nil {
		_ = s.Stop()
		t.Fatal("Start succeeded without jdk.compiler")
	}
	if !strings.Contains(err.Error(), "lacks the jdk.compiler module") || !strings.Contains(err.Error(), "apt-get install") {
		t.Errorf("error %q does not name the missing module and how to install it", err)
	}
}
