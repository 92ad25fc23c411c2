namespace Cases.Domain.Parties;

/// <summary>Sex as encoded in the resident identity number (GB 11643, character 17: odd male, even female).</summary>
public enum Sex
{
    Male = 1,
    Female = 2,
}
