// The district coordinator's tables: the unit's register of employees.
import { recordAccesses } from "../../services/access-log.js";
import { employeeConsentStates } from "../../services/consent.js";
import { searchEmployees } from "../../services/employees.js";
import type { RoleGrant } from "../../services/people.js";
import type { WebRoute } from "../web-route.js";

type DistrictGrant = Extract<RoleGrant, { role: "district_coordinator" }>;

const PAGE_SIZE = 50;

/** The register, a page at a time; every IIN shown is written to the access log. */
const register: WebRoute<DistrictGrant> = {
  method: "GET",
  path: "/employees",
  async handle({ deps, grant, person, query }) {
    const page = Math.max(0, Number(query.get("page")) || 0);
    const result = await searchEmployees(deps.db, [grant.unitId], {
      search: query.get("search") ?? undefined,
      offset: page * PAGE_SIZE,
      limit: PAGE_SIZE,
    });
    const consents = await employeeConsentStates(
      deps.db,
      result.items.map((e) => e.id),
    );
    const at = deps.clock();
    await recordAccesses(
      deps.db,
      result.items.map((e) => ({
        actor: person.telegramId,
        action: "employee.iin",
        employeeId: e.id,
        subject: "webapp",
        at,
      })),
    );
    return {
      total: result.total,
      page,
      pageSize: PAGE_SIZE,
      rows: result.items.map((e) => ({
        id: e.id,
        iin: e.iin,
        lastName: e.lastName,
        firstName: e.firstName,
        patronymic: e.patronymic,
        position: e.position,
        joined: e.joined,
        consent: consents.get(e.id) ?? "pending",
      })),
    };
  },
};

export const DISTRICT_ROUTES: WebRoute<DistrictGrant>[] = [register];
