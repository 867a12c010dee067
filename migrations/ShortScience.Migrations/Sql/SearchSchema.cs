namespace ShortScience.Migrations.Sql;

/// <summary>
/// Full-text search kept in the database, so every writer (the API, a script, a moderator's SQL) keeps it right.
/// papers.search_vector = title (A) + authors as printed (B) + abstract (C) + published summaries' current text (D),
/// in the 'shortscience' configuration (English stemming after unaccent). Triggers refresh it in the same
/// transaction as the change: a BEFORE trigger on papers for title/abstract, AFTER triggers on paper_authors and
/// summaries calling refresh_paper_search(paper_id). Summary revisions are immutable; publishing moves
/// summaries.current_revision_id, which the summaries trigger sees.
/// Summary text counts up to 10,000 characters per paper (best-scored summaries first): enough to find a paper by
/// what its summaries say, and it keeps the vector of a much-summarized paper small enough to check quickly (see
/// Api/Search/SearchPlanner.cs, which reads vectors in popularity order for broad queries).
/// </summary>
public static class SearchSchema
{
    public const string Up = """
        CREATE TEXT SEARCH CONFIGURATION public.shortscience (COPY = pg_catalog.english);
        ALTER TEXT SEARCH CONFIGURATION public.shortscience
            ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, english_stem;

        CREATE FUNCTION paper_search_document(p_id bigint, p_title text, p_abstract text) RETURNS tsvector
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

        CREATE FUNCTION refresh_paper_search(p_id bigint) RETURNS void
        LANGUAGE sql AS $fn$
            UPDATE papers SET search_vector = paper_search_document(id, title, abstract) WHERE id = p_id
        $fn$;

        CREATE FUNCTION papers_search_vector() RETURNS trigger
        LANGUAGE plpgsql AS $fn$
        BEGIN
            NEW.search_vector := paper_search_document(NEW.id, NEW.title, NEW.abstract);
            RETURN NEW;
        END
        $fn$;

        CREATE FUNCTION paper_children_search_vector() RETURNS trigger
        LANGUAGE plpgsql AS $fn$
        BEGIN
            IF TG_OP <> 'INSERT' THEN
                PERFORM refresh_paper_search(OLD.paper_id);
            END IF;
            IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.paper_id <> OLD.paper_id) THEN
                PERFORM refresh_paper_search(NEW.paper_id);
            END IF;
            RETURN NULL;
        END
        $fn$;

        CREATE TRIGGER papers_search BEFORE INSERT OR UPDATE OF title, abstract ON papers
            FOR EACH ROW EXECUTE FUNCTION papers_search_vector();
        CREATE TRIGGER paper_authors_search AFTER INSERT OR UPDATE OR DELETE ON paper_authors
            FOR EACH ROW EXECUTE FUNCTION paper_children_search_vector();
        CREATE TRIGGER summaries_search AFTER INSERT OR DELETE OR UPDATE OF status, current_revision_id, paper_id ON summaries
            FOR EACH ROW EXECUTE FUNCTION paper_children_search_vector();

        UPDATE papers SET search_vector = paper_search_document(id, title, abstract);

        """;

    public const string Down = """
        DROP TRIGGER IF EXISTS summaries_search ON summaries;
        DROP TRIGGER IF EXISTS paper_authors_search ON paper_authors;
        DROP TRIGGER IF EXISTS papers_search ON papers;
        DROP FUNCTION IF EXISTS paper_children_search_vector();
        DROP FUNCTION IF EXISTS papers_search_vector();
        DROP FUNCTION IF EXISTS refresh_paper_search(bigint);
        DROP FUNCTION IF EXISTS paper_search_document(bigint, text, text);
        DROP TEXT SEARCH CONFIGURATION IF EXISTS public.shortscience;
        """;

    /// <summary>
    /// Paper.Field from the paper's arXiv categories (first one that names a field), else its venue's field
    /// (not "multi"). The same rule as Core/Browse/Fields.cs, for papers stored before it existed.
    /// </summary>
    public const string BackfillFields = """
        UPDATE papers p SET field = coalesce(
            (SELECT CASE
                        WHEN a IN ('cs', 'stat', 'math', 'q-bio', 'q-fin', 'eess', 'econ') THEN a
                        WHEN a IN ('physics', 'astro-ph', 'cond-mat', 'gr-qc', 'hep-ex', 'hep-lat', 'hep-ph', 'hep-th',
                                   'math-ph', 'nlin', 'nucl-ex', 'nucl-th', 'quant-ph') THEN 'physics'
                    END
             FROM unnest(p.categories) WITH ORDINALITY AS c(category, n),
                  LATERAL (SELECT lower(split_part(trim(c.category), '.', 1)) AS a) x
             WHERE a IN ('cs', 'stat', 'math', 'q-bio', 'q-fin', 'eess', 'econ', 'physics', 'astro-ph', 'cond-mat', 'gr-qc',
                         'hep-ex', 'hep-lat', 'hep-ph', 'hep-th', 'math-ph', 'nlin', 'nucl-ex', 'nucl-th', 'quant-ph')
             ORDER BY n LIMIT 1),
            (SELECT v.field FROM venues v
             WHERE v.id = p.venue_id AND v.field IN ('cs', 'stat', 'math', 'physics', 'q-bio', 'q-fin', 'eess', 'econ')));
        """;
}
