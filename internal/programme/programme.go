// Package programme holds the vocabulary of the transformation programme that
// every capability shares: consultation forms, topics, target groups. Codes
// are stable English identifiers; names are in the i18n catalogue.
package programme

// Form is how a consultation is held.
type Form string

const (
	FormPhone  Form = "phone"  // telefonicky
	FormOnline Form = "online" // online schůzka
	FormOnsite Form = "onsite" // v místě poskytovatele
)

// Forms lists every form, in display order.
var Forms = []Form{FormPhone, FormOnline, FormOnsite}

// Topic is what a consultation (or, later, a workshop) is about.
type Topic string

const (
	TopicTransformationPlan Topic = "transformation_plan"
	TopicCommunityServices  Topic = "community_services"
	TopicFinancing          Topic = "financing"
	TopicHumanResources     Topic = "human_resources"
	TopicCaseManagement     Topic = "case_management"
	TopicOther              Topic = "other"
)

// Topics lists every topic, in display order.
var Topics = []Topic{
	TopicTransformationPlan, TopicCommunityServices, TopicFinancing,
	TopicHumanResources, TopicCaseManagement, TopicOther,
}

// TargetGroup is who is served (cílová skupina), as the programme counts it.
type TargetGroup string

const (
	// Regional and state officials and municipalities (kraj, ORP, obec, stát).
	TargetPublicAdministration TargetGroup = "public_administration"
	// Social-service providers and their employees.
	TargetProvider TargetGroup = "provider"
	// Users (clients) of social services and their families.
	TargetClient TargetGroup = "client"
	// Local community and the public.
	TargetCommunity TargetGroup = "community"
)

// TargetGroups lists every target group, in display order.
var TargetGroups = []TargetGroup{TargetPublicAdministration, TargetProvider, TargetClient, TargetCommunity}

// NeedsOrganisation reports whether people of this target group book on
// behalf of an organisation and must give its name and IČO. Clients, families
// and members of the public book for themselves.
func (g TargetGroup) NeedsOrganisation() bool {
	return g == TargetPublicAdministration || g == TargetProvider
}

// Oneof returns codes as a space-separated list for validator's oneof tag.
func Oneof[T ~string](values []T) string {
	s := ""
	for i, v := range values {
		if i > 0 {
			s += " "
		}
		s += string(v)
	}
	return s
}
