CREATE TYPE "public"."text_cut" AS ENUM('length', 'size', 'pages', 'time', 'memory');--> statement-breakpoint
ALTER TABLE "document_versions" ADD COLUMN "text_cut" text_cut;