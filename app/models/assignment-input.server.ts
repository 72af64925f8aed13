import type { z } from "zod";
import type { AssignmentSchema } from "~/lib/assignment-schema";
import type { AssignmentInput } from "./assignments.server";

/** The validated form as the register stores it (empty optional fields become null or ""). */
export function assignmentInput(v: z.infer<typeof AssignmentSchema>): AssignmentInput {
  return {
    title: v.title,
    reference: v.reference,
    issuer: v.issuer,
    startDate: v.startDate || null,
    reportDueDate: v.reportDueDate || null,
    status: v.status,
    description: v.description,
    link: v.link ?? "",
  };
}
