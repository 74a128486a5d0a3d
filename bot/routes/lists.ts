// District and regional coordinators: next year's lists, employees and their
// invites, the overview, the compliance charts, the reminders screen.
import { route } from "./route.js";

const UNIT = ["district_coordinator", "regional_coordinator"] as const;
const DISTRICT = ["district_coordinator"] as const;
const REGIONAL = ["regional_coordinator"] as const;
/** Who may hand employees their invite links: unit coordinators, and admins for anyone. */
const INVITING = ["district_coordinator", "regional_coordinator", "admin"] as const;
/** Who sees compliance charts: a regional coordinator (its districts), an admin (the country). */
const CHARTS = ["regional_coordinator", "admin"] as const;

/** The fields of an employee's card that can be changed one at a time (services/employees.ts). */
export const EMPLOYEE_FIELDS = [
  "last_name",
  "first_name",
  "patronymic",
  "position",
  "phone",
  "previous_certificate_issued_on",
] as const;

export const listRoutes = {
  // The lists of the current and the coming year (items 7, 8; rules/list-years.ts).
  /** The coordinator's own list, of the year its screen opens on (rules: defaultListYear). */
  listScreen: route("ls", { roles: UNIT }),
  /** The coordinator's own list of a given year (the current or the coming one). */
  listOfYear: route("lsy", { roles: UNIT, params: { year: "int" } }),
  /** The people on the list, a page of them, with their remove buttons. */
  listEntries: route("lsv", { roles: UNIT, params: { year: "int", page: "int" } }),
  /** Remove one entry of the list (asks for the reason). */
  listEntryRemove: route("lsr", { roles: UNIT, params: { year: "int", entry: "int" } }),
  /** Employees of the unit not on the list yet, a page of them. */
  listCandidates: route("lsa", { roles: UNIT, params: { year: "int", page: "int" } }),
  /** Put one employee on the list (an approved list asks for the reason). */
  listAdd: route("lsad", { roles: UNIT, params: { year: "int", employee: "int" } }),
  /** A district submits its list to the region. */
  listSubmit: route("lss", { roles: DISTRICT, params: { year: "int" } }),
  /** The region approves its consolidated list. */
  consolidatedApprove: route("rca", { roles: REGIONAL, params: { year: "int" } }),
  /** A list as a PDF or XLSX file. */
  listFile: route("lsd", { roles: UNIT, params: { list: "int", format: ["pdf", "xlsx"] } }),
  /** The district lists of a region, of the year its screen opens on. */
  districtLists: route("rd", { roles: REGIONAL }),
  /** The district lists of a region of a given year. */
  districtListsOfYear: route("rdy", { roles: REGIONAL, params: { year: "int" } }),
  /** One district's list, for the region to accept or return. */
  districtListReview: route("rdv", { roles: REGIONAL, params: { list: "int" } }),
  districtListAccept: route("rda", { roles: REGIONAL, params: { list: "int" } }),
  /** Return a district list (asks for the reason). */
  districtListReturn: route("rdr", { roles: REGIONAL, params: { list: "int" } }),
  /** Take a district list accepted after the approval into the consolidated list (asks for the reason). */
  districtListTakeIn: route("rdt", { roles: REGIONAL, params: { list: "int" } }),

  // The employee register.
  /** The employees of the coordinator's unit, a page of them. */
  employees: route("em", { roles: UNIT, params: { page: "int" } }),
  /** Employees who joined but have not agreed to the personal-data notice, a page of them. */
  employeesNotAgreed: route("emn", { roles: UNIT, params: { page: "int" } }),
  employeeSearch: route("emq", { roles: UNIT }),
  employeeNew: route("enew", { roles: UNIT }),
  employeeImport: route("imp", { roles: UNIT }),
  /** Inside the import: send the spreadsheet template. */
  importTemplate: route("impt"),
  /** One employee's card. */
  employeeCard: route("ev", { roles: UNIT, params: { employee: "int" } }),
  /** The full IIN of an employee, in an alert (and on record). */
  employeeIin: route("eiin", { roles: UNIT, params: { employee: "int" } }),
  /** Change one field of an employee's card. */
  employeeEdit: route("ef", { roles: UNIT, params: { employee: "int", field: EMPLOYEE_FIELDS } }),
  /** Asks whether to deactivate an employee. */
  employeeDeactivate: route("ex", { roles: UNIT, params: { employee: "int" } }),
  employeeDeactivateConfirmed: route("exy", { roles: UNIT, params: { employee: "int" } }),

  // Invites for employees.
  /** Employees without a bot invite yet, a page of them (edits the screen). */
  employeeInvites: route("ei", { roles: INVITING, params: { page: "int" } }),
  /** The same, as a new message under a link just made (which must stay to be forwarded). */
  employeeInvitesBelow: route("ein", { roles: INVITING, params: { page: "int" } }),
  /** Make an invite link for one employee. */
  employeeInviteLink: route("eg", { roles: INVITING, params: { employee: "int" } }),

  // Overviews, charts, reminders.
  overview: route("ro", { roles: UNIT }),
  complianceChart: route("cc", { roles: CHARTS }),
  seasonChart: route("cs", { roles: CHARTS }),
  complianceFile: route("cx", { roles: CHARTS }),
  reminders: route("rm", {
    roles: ["district_coordinator", "regional_coordinator", "provider_coordinator", "admin"],
  }),
};
