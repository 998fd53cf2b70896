namespace Trading.Grains.Matching;

/// <summary>Intent carried for the position engine; the book only passes it through to events.</summary>
public enum PositionAction : byte
{
    Unspecified = 0,
    Open = 1,
    Close = 2,
}
