// Package dynamo is Brána's DynamoDB adapter: one table, described once here
// (the local stack creates it from this description and the CDK stack
// declares it from the same), and the stores the domain packages need. Every
// invariant is a condition on a write or a transaction, never a read before
// a write. docs/data-model.md lists every access pattern.
package dynamo

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Attribute and index names of the table.
const (
	AttrPK     = "PK"
	AttrSK     = "SK"
	AttrGSI1PK = "GSI1PK"
	AttrGSI1SK = "GSI1SK"
	AttrGSI2PK = "GSI2PK"
	AttrGSI2SK = "GSI2SK"
	AttrTTL    = "expiresAt" // epoch seconds; DynamoDB's TTL deletes the item after it

	// GSI1 is the overloaded lookup index: the expert directory, an expert's
	// bookings by time, pending outbox items by due time.
	IndexGSI1 = "GSI1"
	// GSI2 is the time-bucketed index: one partition per entity type and
	// Prague month ("BOOKING#2026-12"), sorted by time, so that a monthly
	// report or a staff list Queries a month without a Scan.
	IndexGSI2 = "GSI2"
)

// Index describes a global secondary index (all attributes projected).
type Index struct {
	Name, PartitionKey, SortKey string
}

// TableSpec is the whole table definition: keys (all strings), indexes, the
// TTL attribute and the stream that feeds the outbox sender.
type TableSpec struct {
	PartitionKey, SortKey string
	Indexes               []Index
	TTLAttribute          string
	StreamView            types.StreamViewType
}

// Spec is the table definition, the one source for the local stack and CDK.
var Spec = TableSpec{
	PartitionKey: AttrPK,
	SortKey:      AttrSK,
	Indexes: []Index{
		{Name: IndexGSI1, PartitionKey: AttrGSI1PK, SortKey: AttrGSI1SK},
		{Name: IndexGSI2, PartitionKey: AttrGSI2PK, SortKey: AttrGSI2SK},
	},
	TTLAttribute: AttrTTL,
	// Keys only: the outbox sender reads the item itself, so personal data
	// never sits in the stream.
	StreamView: types.StreamViewTypeKeysOnly,
}

// CreateTableInput renders the spec for CreateTable (on-demand billing).
func (s TableSpec) CreateTableInput(name string) *dynamodb.CreateTableInput {
	attrs := []types.AttributeDefinition{
		{AttributeName: aws.String(s.PartitionKey), AttributeType: types.ScalarAttributeTypeS},
		{AttributeName: aws.String(s.SortKey), AttributeType: types.ScalarAttributeTypeS},
	}
	var gsis []types.GlobalSecondaryIndex
	for _, ix := range s.Indexes {
		attrs = append(attrs,
			types.AttributeDefinition{AttributeName: aws.String(ix.PartitionKey), AttributeType: types.ScalarAttributeTypeS},
			types.AttributeDefinition{AttributeName: aws.String(ix.SortKey), AttributeType: types.ScalarAttributeTypeS})
		gsis = append(gsis, types.GlobalSecondaryIndex{
			IndexName: aws.String(ix.Name),
			KeySchema: []types.KeySchemaElement{
				{AttributeName: aws.String(ix.PartitionKey), KeyType: types.KeyTypeHash},
				{AttributeName: aws.String(ix.SortKey), KeyType: types.KeyTypeRange},
			},
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll},
		})
	}
	return &dynamodb.CreateTableInput{
		TableName:            aws.String(name),
		AttributeDefinitions: attrs,
		KeySchema: []types.KeySchemaElement{
			{AttributeName: aws.String(s.PartitionKey), KeyType: types.KeyTypeHash},
			{AttributeName: aws.String(s.SortKey), KeyType: types.KeyTypeRange},
		},
		GlobalSecondaryIndexes: gsis,
		BillingMode:            types.BillingModePayPerRequest,
		StreamSpecification:    &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: s.StreamView},
	}
}
