// The expert screens of the console (a chunk of its own): the agenda of
// their consultations (marking them held or no-show) and their
// availability with a preview of the free slots it gives.
export { agendaPage } from './agenda';
export { availabilityPage } from './availability';
