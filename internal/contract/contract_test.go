package contract_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/contract"
)

// problem is a well-formed 404 booking_not_found as the bookings function
// answers it.
func problem() events.APIGatewayV2HTTPResponse {
	return events.APIGatewayV2HTTPResponse{
		StatusCode: http.StatusNotFound,
		Headers: map[string]string{
			"Content-Type": "application/problem+json; charset=utf-8", "Cache-Control": "no-store",
			"X-Request-Id": "req-1", "Content-Language": "cs",
		},
		Body: `{"type":"https://brana.mpsv.cz/problems/booking_not_found","title":"Rezervace nenalezena","status":404,` +
			`"detail":"Rezervace neexistuje.","instance":"/v1/bookings/01kbw6m3ar2z7e4r9x0v5t8qjd","code":"booking_not_found","requestId":"req-1"}`,
	}
}

// getBooking is the sample GET /v1/bookings/{bookingId} with a real-looking id.
func getBooking(t *testing.T) events.APIGatewayV2HTTPRequest {
	return apptest.WithBooking(apptest.Event(t, "get-booking"), "01kbw6m3ar2z7e4r9x0v5t8qjd", "SXGzMkvyoq_f67a3hlRfPSEA_vJZ0g0-LdphVLpC6bQ")
}

// TestContractCatchesDrift proves the check every Env.Invoke makes is not
// a formality: a well-formed exchange passes, and each kind of departure
// from docs/openapi.yaml is reported.
func TestContractCatchesDrift(t *testing.T) {
	c, err := contract.Load()
	if err != nil {
		t.Fatal(err)
	}
	if got := c.CheckEvent(getBooking(t), problem()); len(got) != 0 {
		t.Fatalf("a well-formed 404 was refused: %v", got)
	}

	tests := []struct {
		name   string
		change func(*events.APIGatewayV2HTTPRequest, *events.APIGatewayV2HTTPResponse)
		want   string // in one of the reported lines
	}{
		{"reports a status the operation does not document", func(_ *events.APIGatewayV2HTTPRequest, r *events.APIGatewayV2HTTPResponse) {
			r.StatusCode = http.StatusTeapot
		}, "418"},
		{"reports a body that breaks the schema", func(_ *events.APIGatewayV2HTTPRequest, r *events.APIGatewayV2HTTPResponse) {
			r.Body = strings.Replace(r.Body, `"status":404`, `"status":"404"`, 1)
		}, "status"},
		{"reports a required field left out", func(_ *events.APIGatewayV2HTTPRequest, r *events.APIGatewayV2HTTPResponse) {
			r.Body = strings.Replace(r.Body, `"code":"booking_not_found",`, ``, 1)
		}, "code"},
		{"reports a property the schema does not declare", func(_ *events.APIGatewayV2HTTPRequest, r *events.APIGatewayV2HTTPResponse) {
			r.Body = strings.Replace(r.Body, `"requestId"`, `"colour":"blue","requestId"`, 1)
		}, "colour"},
		{"reports a declared header left out", func(_ *events.APIGatewayV2HTTPRequest, r *events.APIGatewayV2HTTPResponse) {
			delete(r.Headers, "X-Request-Id")
		}, "X-Request-Id"},
		{"reports a declared header with a value its schema refuses", func(_ *events.APIGatewayV2HTTPRequest, r *events.APIGatewayV2HTTPResponse) {
			r.Headers["Cache-Control"] = "max-age=60"
		}, "cache-control"},
		{"reports a content type the response does not declare", func(_ *events.APIGatewayV2HTTPRequest, r *events.APIGatewayV2HTTPResponse) {
			r.Headers["Content-Type"] = "text/html"
		}, "text/html"},
		{"reports a route the document does not have", func(q *events.APIGatewayV2HTTPRequest, _ *events.APIGatewayV2HTTPResponse) {
			q.RawPath, q.RouteKey, q.RequestContext.HTTP.Path = "/v1/unknown", "GET /v1/unknown", "/v1/unknown"
		}, "/v1/unknown"},
		{"reports a request the document refuses, once the handler accepted it", func(q *events.APIGatewayV2HTTPRequest, r *events.APIGatewayV2HTTPResponse) {
			delete(q.Headers, "booking-token") // the document requires the header
			*r = validBookingResponse()
		}, "Booking-Token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev, resp := getBooking(t), problem()
			tt.change(&ev, &resp)
			got := c.CheckEvent(ev, resp)
			if len(got) == 0 {
				t.Fatalf("got no departure reported, want one mentioning %q", tt.want)
			}
			if !strings.Contains(strings.Join(got, "\n"), tt.want) {
				t.Errorf("got %q, want a departure mentioning %q", got, tt.want)
			}
		})
	}
}

// validBookingResponse is a 200 to GET /v1/bookings/{bookingId} as the
// document describes it.
func validBookingResponse() events.APIGatewayV2HTTPResponse {
	r := problem()
	r.StatusCode = http.StatusOK
	r.Headers["Content-Type"] = "application/json; charset=utf-8"
	r.Body = `{"id":"01kbw6m3ar2z7e4r9x0v5t8qjd","expertId":"jana-dvorakova","expertName":"Mgr. Jana Dvořáková",` +
		`"start":"2026-12-02T09:00:00+01:00","end":"2026-12-02T10:00:00+01:00","form":"online","topic":"transformation_plan",` +
		`"targetGroup":"provider","region":"CZ064","organisation":{"name":"Domov Slunečnice","ico":"00551023"},` +
		`"contact":{"name":"Marie Procházková","email":"marie@example.cz","phone":"+420603123456"},"language":"cs",` +
		`"status":"confirmed","sequence":0,"createdAt":"2026-11-30T09:00:00+01:00","updatedAt":"2026-11-30T09:00:00+01:00"}`
	return r
}

// TestContractPassesAValidSuccess keeps the last case above honest: the
// same 200 with the token present passes.
func TestContractPassesAValidSuccess(t *testing.T) {
	c, err := contract.Load()
	if err != nil {
		t.Fatal(err)
	}
	if got := c.CheckEvent(getBooking(t), validBookingResponse()); len(got) != 0 {
		t.Errorf("a well-formed 200 was refused: %v", got)
	}
}
