// Package programme holds the vocabulary of the transformation programme that
// every capability shares: consultation forms, topics, target groups. This
// is where they are defined, once: the validator's tags (form, topic,
// target_group) are registered from these lists, and the web front door's
// vocabulary (web/src/generated/vocab.json) is written from them. Codes are
// stable English identifiers; names are in the i18n catalogue
// (i18n.Name(lang, "topic", code)). Regions are in internal/cz, languages
// in internal/i18n.
package programme

import "slices"

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

// IsForm reports whether code is a form of consultation.
func IsForm(code string) bool { return slices.Contains(Forms, Form(code)) }

// IsTopic reports whether code is a topic.
func IsTopic(code string) bool { return slices.Contains(Topics, Topic(code)) }

// IsTargetGroup reports whether code is a target group.
func IsTargetGroup(code string) bool { return slices.Contains(TargetGroups, TargetGroup(code)) }
