// Package reportdb is the reports capability's storage on Brána's one
// DynamoDB table: the version index and the cumulative snapshots of the
// monthly reports (versions.go), the facts a report is compiled from
// (facts*.go) and the transformation register (services.go).
// docs/data-model.md ("Reports") lists its items and access patterns.
package reportdb

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/reports"
)

// Keys of the version index (docs/data-model.md, "Reports: versions,
// snapshots, files").
const (
	// ReportsPartition is the GSI2 partition of every stored version,
	// sorted by "<yyyy-mm>#<0001>".
	ReportsPartition = "REPORTS"
	reportKeyPrefix  = "REPORT#"
	versionSKPrefix  = "V#"
	snapshotSK       = "SNAPSHOT"
	typeVersion      = "report_version"
	typeSnapshot     = "report_snapshot"
)

// ReasonVersionTaken is the reason of PutVersion's conflict: another run
// stored that version of the month first.
const ReasonVersionTaken apperr.Reason = "report_version_taken"

// ErrVersionTaken is what PutVersion's error matches (errors.Is) when the
// version was stored already: a concurrent run won the race.
var ErrVersionTaken = errors.New("reportdb: the report version is stored already")

// VersionKey is the key of a month's version n.
func VersionKey(m cz.Month, n int) dynamo.Key {
	return dynamo.Key{PK: reportKeyPrefix + m.String(), SK: fmt.Sprintf("%s%04d", versionSKPrefix, n)}
}

// SnapshotKey is the key of a month's cumulative snapshot.
func SnapshotKey(m cz.Month) dynamo.Key {
	return dynamo.Key{PK: reportKeyPrefix + m.String(), SK: snapshotSK}
}

// Index is the reports' version index and snapshots on the table. It
// implements reports.Index.
type Index struct{ db *dynamo.Store }

// NewIndex returns the version index on db.
func NewIndex(db *dynamo.Store) *Index { return &Index{db: db} }

var _ reports.Index = (*Index)(nil)

type fileAttr struct {
	Name   string `dynamodbav:"name"`
	Bytes  int    `dynamodbav:"bytes"`
	SHA256 string `dynamodbav:"sha256"`
}

// versionItem is one stored version (REPORT#<yyyy-mm> / V#<0001>).
type versionItem struct {
	PK          string     `dynamodbav:"PK"`
	SK          string     `dynamodbav:"SK"`
	GSI2PK      string     `dynamodbav:"GSI2PK"`
	GSI2SK      string     `dynamodbav:"GSI2SK"`
	Type        string     `dynamodbav:"type"`
	Month       string     `dynamodbav:"month"`
	Version     int        `dynamodbav:"version"`
	Catalogue   string     `dynamodbav:"catalogue"`
	ContentHash string     `dynamodbav:"contentHash"`
	CreatedAt   string     `dynamodbav:"createdAt"`
	Trigger     string     `dynamodbav:"trigger"`
	By          string     `dynamodbav:"by,omitempty"`
	Files       []fileAttr `dynamodbav:"files"`
	Changes     int        `dynamodbav:"changes"`
}

func (it versionItem) info() (reports.VersionInfo, error) {
	m, err := cz.ParseMonth(it.Month)
	if err != nil {
		return reports.VersionInfo{}, fmt.Errorf("report version %s %s: %w", it.PK, it.SK, err)
	}
	at, err := dynamo.ParseTime(it.CreatedAt)
	if err != nil {
		return reports.VersionInfo{}, err
	}
	v := reports.VersionInfo{
		Month: m, Version: it.Version, Catalogue: it.Catalogue, ContentHash: it.ContentHash,
		CreatedAt: at, Trigger: it.Trigger, By: it.By, Changes: it.Changes,
		Files: make([]reports.ManifestFile, len(it.Files)),
	}
	for i, f := range it.Files {
		v.Files[i] = reports.ManifestFile{Name: f.Name, Bytes: f.Bytes, SHA256: f.SHA256}
	}
	return v, nil
}

func newVersionItem(v reports.VersionInfo) versionItem {
	k := VersionKey(v.Month, v.Version)
	it := versionItem{
		PK: k.PK, SK: k.SK, GSI2PK: ReportsPartition, GSI2SK: fmt.Sprintf("%s#%04d", v.Month, v.Version),
		Type: typeVersion, Month: v.Month.String(), Version: v.Version, Catalogue: v.Catalogue,
		ContentHash: v.ContentHash, CreatedAt: dynamo.Time(v.CreatedAt), Trigger: v.Trigger, By: v.By,
		Files: make([]fileAttr, len(v.Files)), Changes: v.Changes,
	}
	for i, f := range v.Files {
		it.Files[i] = fileAttr{Name: f.Name, Bytes: f.Bytes, SHA256: f.SHA256}
	}
	return it
}

// PutVersion stores version v.Version of v.Month if no run has stored it
// yet (attribute_not_exists): of two concurrent runs, one stores it and
// the other gets an error matching ErrVersionTaken.
func (ix *Index) PutVersion(ctx context.Context, v reports.VersionInfo) error {
	if v.Month.IsZero() || v.Version < 1 || v.Version > 9999 {
		return fmt.Errorf("reportdb: invalid version %d of %s", v.Version, v.Month)
	}
	put, err := ix.db.PutIfAbsent(newVersionItem(v), ReasonVersionTaken)
	if err != nil {
		return err
	}
	if err := ix.db.PutNow(ctx, put); err != nil {
		var ae *apperr.Error
		if errors.As(err, &ae) && ae.Code == apperr.Conflict && ae.Reason == string(ReasonVersionTaken) {
			return fmt.Errorf("%w: %s v%d", ErrVersionTaken, v.Month, v.Version)
		}
		return fmt.Errorf("put report version %s v%d: %w", v.Month, v.Version, err)
	}
	return nil
}

// Versions lists a month's versions, oldest first: one strongly
// consistent Query of the month's partition (V# items only).
func (ix *Index) Versions(ctx context.Context, m cz.Month) ([]reports.VersionInfo, error) {
	items, err := dynamo.Query[versionItem](ctx, ix.db, &dynamodb.QueryInput{
		KeyConditionExpression:    aws.String("#pk = :pk AND begins_with(#sk, :v)"),
		ExpressionAttributeNames:  map[string]string{"#pk": dynamo.AttrPK, "#sk": dynamo.AttrSK},
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": dynamo.S(reportKeyPrefix + m.String()), ":v": dynamo.S(versionSKPrefix)},
		ConsistentRead:            aws.Bool(true),
	})
	if err != nil {
		return nil, fmt.Errorf("query report versions of %s: %w", m, err)
	}
	out := make([]reports.VersionInfo, 0, len(items))
	for _, it := range items {
		v, err := it.info()
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// LatestOf returns a month's latest version (false when it has none).
func (ix *Index) LatestOf(ctx context.Context, m cz.Month) (reports.VersionInfo, bool, error) {
	items, err := dynamo.Query[versionItem](ctx, ix.db, &dynamodb.QueryInput{
		KeyConditionExpression:    aws.String("#pk = :pk AND begins_with(#sk, :v)"),
		ExpressionAttributeNames:  map[string]string{"#pk": dynamo.AttrPK, "#sk": dynamo.AttrSK},
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": dynamo.S(reportKeyPrefix + m.String()), ":v": dynamo.S(versionSKPrefix)},
		ConsistentRead:            aws.Bool(true), ScanIndexForward: aws.Bool(false), Limit: aws.Int32(1),
	})
	if err != nil {
		return reports.VersionInfo{}, false, fmt.Errorf("query latest report version of %s: %w", m, err)
	}
	if len(items) == 0 {
		return reports.VersionInfo{}, false, nil
	}
	v, err := items[0].info()
	return v, err == nil, err
}

// Latest lists the latest version of every month, newest month first:
// one Query of GSI2 "REPORTS" newest first, keeping each month's first.
func (ix *Index) Latest(ctx context.Context) ([]reports.VersionInfo, error) {
	var out []reports.VersionInfo
	err := ix.db.QueryEach(ctx, &dynamodb.QueryInput{
		IndexName:                 aws.String(dynamo.IndexGSI2),
		KeyConditionExpression:    aws.String("#pk = :pk"),
		ExpressionAttributeNames:  map[string]string{"#pk": dynamo.AttrGSI2PK},
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": dynamo.S(ReportsPartition)},
		ScanIndexForward:          aws.Bool(false),
	}, func(av map[string]types.AttributeValue) error {
		var it versionItem
		if err := attributevalue.UnmarshalMap(av, &it); err != nil {
			return err
		}
		if n := len(out); n > 0 && out[n-1].Month.String() == it.Month {
			return nil // an older version of the month before
		}
		v, err := it.info()
		if err != nil {
			return err
		}
		out = append(out, v)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("query report list: %w", err)
	}
	return out, nil
}

// snapshotItem is a month's cumulative snapshot (REPORT#<yyyy-mm> /
// SNAPSHOT): the reports.Snapshot as gzip'd JSON in the binary attribute
// data, so that tens of thousands of organisations fit DynamoDB's 400 KB.
type snapshotItem struct {
	PK        string `dynamodbav:"PK"`
	SK        string `dynamodbav:"SK"`
	Type      string `dynamodbav:"type"`
	Month     string `dynamodbav:"month"`
	Catalogue string `dynamodbav:"catalogue"`
	Version   int    `dynamodbav:"reportVersion"` // the version written with it
	Count     int    `dynamodbav:"organisations"`
	Data      []byte `dynamodbav:"data"`
	UpdatedAt string `dynamodbav:"updatedAt"`
}

// MaxSnapshotBytes is the largest gzip'd snapshot PutSnapshot writes,
// leaving room below DynamoDB's 400 KB item limit for the other
// attributes.
const MaxSnapshotBytes = 390_000

// EncodeSnapshot is the stored form of a snapshot: its JSON, gzip'd.
func EncodeSnapshot(s reports.Snapshot) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if err := json.NewEncoder(zw).Encode(s); err != nil {
		return nil, fmt.Errorf("encode snapshot of %s: %w", s.Month, err)
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func decodeSnapshot(b []byte) (reports.Snapshot, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return reports.Snapshot{}, err
	}
	var s reports.Snapshot
	if err := json.NewDecoder(io.LimitReader(zr, 64<<20)).Decode(&s); err != nil {
		return reports.Snapshot{}, err
	}
	return s, zr.Close()
}

// PutSnapshot stores month s.Month's snapshot, written with its report's
// version (replacing the one of an earlier version: the latest version's
// snapshot is what the next month compiles from).
func (ix *Index) PutSnapshot(ctx context.Context, s reports.Snapshot, version int, now time.Time) error {
	data, err := EncodeSnapshot(s)
	if err != nil {
		return err
	}
	if len(data) > MaxSnapshotBytes {
		return fmt.Errorf("reportdb: snapshot of %s is %d bytes gzip'd, over %d", s.Month, len(data), MaxSnapshotBytes)
	}
	k := SnapshotKey(s.Month)
	put, err := ix.db.Put(snapshotItem{
		PK: k.PK, SK: k.SK, Type: typeSnapshot, Month: s.Month.String(), Catalogue: s.Catalogue,
		Version: version, Count: len(s.Organisations), Data: data, UpdatedAt: dynamo.Time(now),
	})
	if err != nil {
		return err
	}
	if err := ix.db.PutNow(ctx, put); err != nil {
		return fmt.Errorf("put snapshot of %s: %w", s.Month, err)
	}
	return nil
}

// Snapshot reads a month's snapshot (false when it has none).
func (ix *Index) Snapshot(ctx context.Context, m cz.Month) (reports.Snapshot, bool, error) {
	it, found, err := dynamo.Get[snapshotItem](ctx, ix.db, SnapshotKey(m), dynamo.Consistent)
	if err != nil || !found {
		return reports.Snapshot{}, false, err
	}
	s, err := decodeSnapshot(it.Data)
	if err != nil {
		return reports.Snapshot{}, false, fmt.Errorf("decode snapshot of %s: %w", m, err)
	}
	if s.Month != m || !strings.EqualFold(it.Month, m.String()) {
		return reports.Snapshot{}, false, fmt.Errorf("snapshot of %s holds month %s", m, s.Month)
	}
	return s, true, nil
}
