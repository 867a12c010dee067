using ShortScience.Core.Import;

namespace ShortScience.Core.Tests.Import;

public sealed class VenueNamesTests
{
    [Theory]
    [InlineData("NIPS", "neurips")]
    [InlineData("NeurIPS 2019", "neurips")]
    [InlineData("Neural Information Processing Systems Conference", "neurips")]
    [InlineData("Advances in Neural Information Processing Systems 30", "neurips")]
    [InlineData("Advances in Neural Information Processing Systems 30: Annual Conference on Neural Information Processing Systems 2017, December 4-9, 2017, Long Beach, CA, USA", "neurips")]
    [InlineData("Adv. Neural Inf. Process. Syst.", "neurips")]
    [InlineData("Proceedings of the 34th International Conference on Machine Learning - Volume 70", "icml")]
    [InlineData("ICML'17", "icml")]
    [InlineData("Proceedings of the 37th International Conference on Machine Learning, {ICML} 2020, 13-18 July 2020, Virtual Event", "icml")]
    [InlineData("International Conference on Learning Representations (ICLR)", "iclr")]
    [InlineData("3rd International Conference on Learning Representations, {ICLR} 2015, San Diego, CA, USA, May 7-9, 2015, Conference Track Proceedings", "iclr")]
    [InlineData("Conference and Computer Vision and Pattern Recognition", "cvpr")]
    [InlineData("2016 IEEE Conference on Computer Vision and Pattern Recognition (CVPR)", "cvpr")]
    [InlineData("Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition", "cvpr")]
    [InlineData("IEEE Computer Society Conference on Computer Vision and Pattern Recognition", "cvpr")]
    [InlineData("CVPR", "cvpr")]
    [InlineData("Proceedings of the IEEE International Conference on Computer Vision", "iccv")]
    [InlineData("Computer Vision -- ECCV 2018", "eccv")]
    [InlineData("Proceedings of the 55th Annual Meeting of the Association for Computational Linguistics (Volume 1: Long Papers)", "acl")]
    [InlineData("Proceedings of the 2019 Conference of the North American Chapter of the Association for Computational Linguistics: Human Language Technologies, Volume 1 (Long and Short Papers)", "naacl")]
    [InlineData("Proceedings of the 2014 Conference on Empirical Methods in Natural Language Processing ({EMNLP})", "emnlp")]
    [InlineData("Proceedings of the AAAI Conference on Artificial Intelligence", "aaai")]
    [InlineData("Proceedings of the 25th ACM SIGKDD International Conference on Knowledge Discovery \\& Data Mining", "kdd")]
    [InlineData("The Web Conference", "www")]
    [InlineData("J. Mach. Learn. Res.", "jmlr")]
    [InlineData("Journal of Machine Learning Research", "jmlr")]
    [InlineData("The Journal of Machine Learning Research", "jmlr")]
    [InlineData("IEEE Trans. Pattern Anal. Mach. Intell.", "tpami")]
    [InlineData("IEEE Transactions on Pattern Analysis and Machine Intelligence", "tpami")]
    [InlineData("Int. J. Comput. Vis.", "ijcv")]
    [InlineData("Proc. Natl. Acad. Sci. USA", "pnas")]
    [InlineData("Proceedings of the National Academy of Sciences", "pnas")]
    [InlineData("Nature", "nature")]
    [InlineData("Nat. Commun.", "nature-communications")]
    [InlineData("PLoS ONE", "plos-one")]
    [InlineData("Phys. Rev. Lett.", "prl")]
    [InlineData("arXiv preprint", "arxiv")]
    [InlineData("CoRR", "arxiv")]
    [InlineData("bioRxiv", "biorxiv")]
    [InlineData("Artificial Intelligence and Statistics", "aistats")]
    [InlineData("Proceedings of the Twenty-Second International Conference on Artificial Intelligence and Statistics", "aistats")]
    [InlineData("Conference on Robot Learning", "corl")]
    [InlineData("2017 IEEE International Conference on Robotics and Automation (ICRA)", "icra")]
    [InlineData("Interspeech 2019", "interspeech")]
    [InlineData("ICASSP 2020 - 2020 IEEE International Conference on Acoustics, Speech and Signal Processing (ICASSP)", "icassp")]
    [InlineData("Transactions of the Association for Computational Linguistics", "tacl")]
    [InlineData("Medical Image Computing and Computer Assisted Intervention -- MICCAI 2015", "miccai")]
    [InlineData("Conference on Uncertainty in Artificial Intelligence", "uai")]
    public void MatchesRealVariantsToTheirCanonicalVenue(string venue, string slug) =>
        Assert.Equal(slug, VenueCatalogue.Default.Match(venue)?.Slug);

    [Theory]
    [InlineData("NeurIPS Workshop on Deep Reinforcement Learning (NIPS 2017)")]
    [InlineData("CVPR Workshops")]
    [InlineData("Journal of Obscure Results")]
    [InlineData("Nucl.Phys. B549 (1999) 503-543")]
    [InlineData("12 pages, 3 figures")]
    [InlineData("")]
    public void DoesNotGuessAVenueItDoesNotKnow(string venue) => Assert.Null(VenueCatalogue.Default.Match(venue));

    [Fact]
    public void TheCatalogueCoversTheMajorVenuesWithoutCollisions()
    {
        var catalogue = VenueCatalogue.Default;
        Assert.True(catalogue.Venues.Count >= 60, $"{catalogue.Venues.Count} venues");
        foreach (var slug in new[] { "neurips", "icml", "iclr", "cvpr", "acl", "nature", "science", "arxiv", "biorxiv", "medrxiv", "tmlr" })
        {
            Assert.NotNull(catalogue.BySlug(slug));
        }
        Assert.All(catalogue.Venues, v => Assert.Contains(v.Kind, new[] { "conference", "journal", "preprint", "workshop" }));
        Assert.Equal("preprint", catalogue.BySlug("arxiv")!.Kind);
    }

    [Fact]
    public void TwoVenuesThatNormalizeAlikeAreRefused() =>
        Assert.Throws<InvalidDataException>(() => new VenueCatalogue(
        [
            new CatalogueVenue("a", "A", "The Conference on Things", "conference", "cs", null, []),
            new CatalogueVenue("b", "B", "Conference on Things", "conference", "cs", null, []),
        ]));

    [Theory]
    [InlineData("Proceedings of the 12th Workshop on Graph Learning", "workshop")]
    [InlineData("Journal of Obscure Results", "journal")]
    [InlineData("IEEE Transactions on Widgets", "journal")]
    [InlineData("Proceedings of the 3rd Symposium on Widgets", "conference")]
    [InlineData("SocArXiv", "other")]
    [InlineData("Research Square preprint", "preprint")]
    public void GuessesTheKindOfAnUnknownVenue(string venue, string kind) => Assert.Equal(kind, VenueCatalogue.GuessKind(venue));

    [Theory]
    [InlineData("Proceedings of the 12th Workshop on Graph Learning (GLW 2021)", "Workshop on Graph Learning (GLW)")]
    [InlineData("Journal of Obscure Results, Vol. 12", "Journal of Obscure Results")]
    [InlineData("2019 Symposium on Widgets", "Symposium on Widgets")]
    public void CleansTheNameOfANewVenue(string venue, string expected) => Assert.Equal(expected, VenueCatalogue.CleanName(venue));
}
