package api

import (
	"context"
	"net/http"

	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/workshops"
)

// RegistrationEraser erases a registration's personal data (admins only):
// workshops.Eraser.
type RegistrationEraser interface {
	Erase(ctx context.Context, p auth.Principal, id string) (workshops.Registration, error)
}

// eraseRegistration is POST /v1/staff/registrations/{registrationId}/erase:
// the registration keeps only the counted facts, and its ESF+ answers are
// joined to nobody any more. No body is needed.
func (h staffEvents) eraseRegistration(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	if len(r.Body) > 0 {
		var in struct{}
		if err := r.DecodeJSON(&in); err != nil {
			return httpapi.Response{}, err
		}
	}
	reg, err := h.Eraser.Erase(ctx, r.Principal, r.PathParam("registrationId"))
	if err != nil {
		return httpapi.Response{}, err
	}
	return httpapi.JSON(http.StatusOK, staffRegistrationView(reg)), nil
}
