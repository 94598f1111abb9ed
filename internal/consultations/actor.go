package consultations

import (
	"context"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/auth"
)

// actor resolves what a staff member may see: everything (admin) or one
// expert's own records.
type actor struct {
	admin    bool
	expertID string
}

func (s *Service) actor(ctx context.Context, p auth.Principal) (actor, error) {
	if p.IsAdmin() {
		return actor{admin: true}, nil
	}
	if p.In(auth.GroupExpert) {
		id, err := s.Store.ExpertIDBySubject(ctx, p.Subject)
		if apperr.CodeOf(err) == apperr.NotFound {
			return actor{}, apperr.New(apperr.Forbidden, "forbidden")
		}
		if err != nil {
			return actor{}, err
		}
		return actor{expertID: id}, nil
	}
	return actor{}, apperr.New(apperr.Forbidden, "forbidden")
}

func (a actor) mayActFor(expertID string) bool { return a.admin || a.expertID == expertID }

// ExpertName returns an expert's name for display, "" if it cannot be read.
func (s *Service) ExpertName(ctx context.Context, id string) string {
	e, err := s.Store.GetExpert(ctx, id)
	if err != nil {
		return ""
	}
	return e.Name
}
