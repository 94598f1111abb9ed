// The organiser screens of the console (a chunk of its own): the events
// list, creating and editing an event, one event's page (status changes,
// downloads) and its registrations with the waiting list. The check-in
// screen is the check-in chunk's (checkin/).
export { eventsPage, eventPage } from './events';
export { eventFormPage } from './form';
export { registrationsPage } from './registrations';
