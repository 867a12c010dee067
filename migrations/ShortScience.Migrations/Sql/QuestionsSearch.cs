namespace ShortScience.Migrations.Sql;

/// <summary>
/// Questions join the paper's search vector (see <see cref="SearchSchema"/>): the titles and texts of its visible
/// questions count like summaries (weight D), up to 5,000 characters per paper (best-scored first), so searching a
/// question's words finds the paper. A trigger on questions refreshes the vector in the same transaction.
/// </summary>
public static class QuestionsSearch
{
    public const string Up = """
        CREATE OR REPLACE FUNCTION paper_search_document(p_id bigint, p_title text, p_abstract text) RETURNS tsvector
        LANGUAGE sql STABLE AS $fn$
            SELECT setweight(to_tsvector('public.shortscience', coalesce(p_title, '')), 'A')
                || setweight(to_tsvector('public.shortscience', coalesce((
                       SELECT string_agg(pa.display_name, ', ' ORDER BY pa.position)
                       FROM paper_authors pa WHERE pa.paper_id = p_id), '')), 'B')
                || setweight(to_tsvector('public.shortscience', coalesce(p_abstract, '')), 'C')
                || setweight(to_tsvector('public.shortscience', left(coalesce((
                       SELECT string_agg(r.plain_text, E'\n' ORDER BY s.score DESC, s.id)
                       FROM summaries s JOIN summary_revisions r ON r.id = s.current_revision_id
                       WHERE s.paper_id = p_id AND s.status = 1), ''), 10000)), 'D')
                || setweight(to_tsvector('public.shortscience', left(coalesce((
                       SELECT string_agg(q.title || E'\n' || q.plain_text, E'\n' ORDER BY q.score DESC, q.id)
                       FROM questions q WHERE q.paper_id = p_id AND q.status = 0), ''), 5000)), 'D')
        $fn$;

        CREATE TRIGGER questions_search AFTER INSERT OR DELETE OR UPDATE OF status, title, plain_text, paper_id ON questions
            FOR EACH ROW EXECUTE FUNCTION paper_children_search_vector();
        """;

    /// <summary>The document as <see cref="SearchSchema.Up"/> defined it, before questions.</summary>
    public const string Down = """
        DROP TRIGGER IF EXISTS questions_search ON questions;

        CREATE OR REPLACE FUNCTION paper_search_document(p_id bigint, p_title text, p_abstract text) RETURNS tsvector
        LANGUAGE sql STABLE AS $fn$
            SELECT setweight(to_tsvector('public.shortscience', coalesce(p_title, '')), 'A')
                || setweight(to_tsvector('public.shortscience', coalesce((
                       SELECT string_agg(pa.display_name, ', ' ORDER BY pa.position)
                       FROM paper_authors pa WHERE pa.paper_id = p_id), '')), 'B')
                || setweight(to_tsvector('public.shortscience', coalesce(p_abstract, '')), 'C')
                || setweight(to_tsvector('public.shortscience', left(coalesce((
                       SELECT string_agg(r.plain_text, E'\n' ORDER BY s.score DESC, s.id)
                       FROM summaries s JOIN summary_revisions r ON r.id = s.current_revision_id
                       WHERE s.paper_id = p_id AND s.status = 1), ''), 10000)), 'D')
        $fn$;
        """;
}
