/** Form schemas for posts, shared by the browser (instant checks) and the server. */
import { z } from "zod";
import { BODY_MAX_BYTES, COMMENT_MAX, TITLE_MAX, UPDATE_KINDS } from "./post-kinds";

const utf8Bytes = (value: string) => new TextEncoder().encode(value).length;

export const postText = {
  title: z
    .string({ required_error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(TITLE_MAX, `validation.tooLong|${TITLE_MAX}`),
  body: z
    .string()
    .default("")
    .refine((v) => utf8Bytes(v) <= BODY_MAX_BYTES, "updates.errors.bodyTooLarge"),
};

export const UpdateSchema = z.object({
  networks: z.array(z.string().max(100), { required_error: "updates.errors.noNetwork" }).min(1, "updates.errors.noNetwork").max(50),
  kind: z.enum(UPDATE_KINDS, { errorMap: () => ({ message: "validation.invalidChoice" }) }),
  assignment: z.string().uuid("validation.invalidChoice").optional(),
  ...postText,
});

export const AnnouncementSchema = z.object({
  ...postText,
  important: z.boolean().default(false),
  pinned: z.boolean().default(false),
});

export const EditSchema = z.object({
  ...postText,
  version: z.coerce.number().int().min(1),
});

export const CommentSchema = z.object({
  intent: z.literal("comment"),
  body: z
    .string({ required_error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(COMMENT_MAX, `validation.tooLong|${COMMENT_MAX}`),
  parent: z.string().uuid().optional(),
});
