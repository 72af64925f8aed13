ALTER TYPE "public"."notification_kind" ADD VALUE 'poll_opened';--> statement-breakpoint
ALTER TABLE "meeting_minutes" ADD COLUMN "draft_body" text;--> statement-breakpoint
ALTER TABLE "meeting_minutes" ADD CONSTRAINT "meeting_minutes_draft_beside_published" CHECK ("meeting_minutes"."draft_body" is null or "meeting_minutes"."status" = 'published');