// The admin screens of the console (a chunk of its own): experts, bookings,
// the abuse tool and the indicator catalogue (which viewers see too).
export { abusePage } from './abuse';
export { bookingsPage } from './bookings';
export { expertFormPage, expertsPage } from './experts';
export { indicatorsPage } from './indicators';
