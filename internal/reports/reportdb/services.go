package reportdb

// The transformation register's storage (issue #11): one item per social
// service, SERVICE#<id> / SERVICE, holding the service with its whole
// phase history and a version. A new service is written only if its key
// is free; every change replaces the item only if its stored version is
// the one the change was made from, so of two changes made from the same
// version exactly one is stored (the other is a Conflict). The register's
// list is GSI1 partition "SERVICES", sorted by the folded name.

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/register"
)

// ServicesPartition is the GSI1 partition of every service of the
// register.
const ServicesPartition = "SERVICES"

const serviceSK = "SERVICE"

// ServiceKey is the key of a service's item.
func ServiceKey(id string) dynamo.Key { return dynamo.Key{PK: registry.KeyService + id, SK: serviceSK} }

// Services is the transformation register on the table.
type Services struct{ db *dynamo.Store }

// NewServices returns the register's storage on db.
func NewServices(db *dynamo.Store) *Services { return &Services{db: db} }

type serviceItem struct {
	PK, SK     string
	GSI1PK     string
	GSI1SK     string
	Type       string       `dynamodbav:"type"`
	ID         string       `dynamodbav:"id"`
	Name       string       `dynamodbav:"name"`
	Ico        string       `dynamodbav:"ico"`
	Region     string       `dynamodbav:"region"`
	RegistryID string       `dynamodbav:"registryId"`
	Phase      string       `dynamodbav:"phase"`
	History    []changeItem `dynamodbav:"history"`
	Version    int          `dynamodbav:"version"`
}

type changeItem struct {
	Phase  string `dynamodbav:"phase"`
	Date   string `dynamodbav:"date"`
	At     string `dynamodbav:"at"`
	By     string `dynamodbav:"by"`
	Reason string `dynamodbav:"reason,omitempty"`
}

func toServiceItem(s reports.Service) serviceItem {
	k := ServiceKey(s.ID)
	it := serviceItem{
		PK: k.PK, SK: k.SK, GSI1PK: ServicesPartition, GSI1SK: register.Fold(s.Name) + "#" + s.ID,
		Type: "service", ID: s.ID, Name: s.Name, Ico: s.Ico, Region: s.Region, RegistryID: s.RegistryID,
		Phase: string(s.Phase), Version: s.Version, History: make([]changeItem, len(s.History)),
	}
	for i, h := range s.History {
		it.History[i] = changeItem{Phase: string(h.Phase), Date: h.Date.String(), At: dynamo.Time(h.At), By: h.By, Reason: h.Reason}
	}
	return it
}

func (it serviceItem) service() (reports.Service, error) {
	s := reports.Service{
		ID: it.ID, Name: it.Name, Ico: it.Ico, Region: it.Region, RegistryID: it.RegistryID,
		Phase: reports.Phase(it.Phase), Version: it.Version, History: make([]reports.PhaseChange, len(it.History)),
	}
	for i, h := range it.History {
		d, err := cz.ParseDate(h.Date)
		if err != nil {
			return s, fmt.Errorf("service %s: change %d: %w", it.ID, i, err)
		}
		at, err := dynamo.ParseTime(h.At)
		if err != nil {
			return s, fmt.Errorf("service %s: change %d: %w", it.ID, i, err)
		}
		s.History[i] = reports.PhaseChange{Phase: reports.Phase(h.Phase), Date: d, At: at.UTC(), By: h.By, Reason: h.Reason}
	}
	return s, nil
}

// Create stores a new service (Conflict register.ReasonServiceExists when
// its id is taken). s.Version must be at least 1.
func (st *Services) Create(ctx context.Context, s reports.Service) error {
	if !dynamo.StorableID(s.ID) || s.Version < 1 || len(s.History) == 0 {
		return fmt.Errorf("create service %q: not storable (version %d, %d changes)", s.ID, s.Version, len(s.History))
	}
	put, err := st.db.PutIfAbsent(toServiceItem(s), register.ReasonServiceExists)
	if err != nil {
		return err
	}
	return st.db.PutNow(ctx, put)
}

// Save replaces a service whose stored version is prev with s (Conflict
// register.ReasonServiceChanged when it is not: another change was stored
// first, or the service is gone).
func (st *Services) Save(ctx context.Context, s reports.Service, prev int) error {
	if prev < 1 || s.Version <= prev {
		return fmt.Errorf("save service %q: version %d after %d", s.ID, s.Version, prev)
	}
	put, err := st.db.PutIfVersion(toServiceItem(s), prev, register.ReasonServiceChanged)
	if err != nil {
		return err
	}
	return st.db.PutNow(ctx, put)
}

// Get reads a service (strongly consistent; NotFound
// register.ReasonServiceNotFound).
func (st *Services) Get(ctx context.Context, id string) (reports.Service, error) {
	if !dynamo.StorableID(id) {
		return reports.Service{}, apperr.New(apperr.NotFound, register.ReasonServiceNotFound)
	}
	it, found, err := dynamo.Get[serviceItem](ctx, st.db, ServiceKey(id), dynamo.Consistent)
	if err != nil {
		return reports.Service{}, err
	}
	if !found {
		return reports.Service{}, apperr.New(apperr.NotFound, register.ReasonServiceNotFound)
	}
	return it.service()
}

// EachService calls fn for every service of the register, by folded
// name, streaming the GSI1 partition page by page (the report's
// transformation figures read it so; it has the signature the facts
// reader takes). An error of fn stops it.
func (st *Services) EachService(ctx context.Context, fn func(reports.Service) error) error {
	in := &dynamodb.QueryInput{
		IndexName:                 aws.String(dynamo.IndexGSI1),
		KeyConditionExpression:    aws.String("#pk = :pk"),
		ExpressionAttributeNames:  map[string]string{"#pk": dynamo.AttrGSI1PK},
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": dynamo.S(ServicesPartition)},
	}
	return st.db.QueryEach(ctx, in, func(av map[string]types.AttributeValue) error {
		var it serviceItem
		if err := attributevalue.UnmarshalMap(av, &it); err != nil {
			return fmt.Errorf("unmarshal service: %w", err)
		}
		s, err := it.service()
		if err != nil {
			return err
		}
		return fn(s)
	})
}

// List is every service of the register, by folded name.
func (st *Services) List(ctx context.Context) ([]reports.Service, error) {
	out := []reports.Service{}
	err := st.EachService(ctx, func(s reports.Service) error {
		out = append(out, s)
		return nil
	})
	return out, err
}

// SeedDemo stores the demo services (register.Demo) that are not stored
// yet, and returns how many it stored. The local stack calls it.
func (st *Services) SeedDemo(ctx context.Context) (created int, _ error) {
	for _, s := range register.Demo() {
		err := st.Create(ctx, s)
		if apperr.Is(err, apperr.Conflict, register.ReasonServiceExists) {
			continue
		}
		if err != nil {
			return created, err
		}
		created++
	}
	return created, nil
}
