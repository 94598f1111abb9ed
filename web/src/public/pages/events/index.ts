// The events pages: one chunk, loaded when one of them is first shown
// (main.ts), so that the booking pages' first load stays as it was.
export { certificatePage } from './certificate';
export { eventPage } from './detail';
export { esfPage } from './esf';
export { eventsPage } from './list';
export { registrationManagePage } from './manage';
export { offerPage } from './offer';
export { registeredPage } from './registered';
export { registerPage } from './register';
